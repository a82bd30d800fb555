import type { GroupPartitionsAssigner } from '@platformatic/kafka';
import { copartition } from '../copartition.js';

/** @platformatic/kafka's classic-protocol assignor for `copartition` (see there why ordered retry needs it). */
export const copartitionedAssigner: GroupPartitionsAssigner = (_current, members, topics, metadata) => {
  const counts = new Map([...topics].map((t) => [t, metadata.topics.get(t)?.partitionsCount ?? 0]));
  return [...copartition([...members.keys()], counts)].map(([memberId, byTopic]) => ({
    memberId,
    assignments: new Map(
      Object.entries(byTopic).map(([topic, partitions]) => [topic, { topic, partitions }]),
    ),
  }));
};
