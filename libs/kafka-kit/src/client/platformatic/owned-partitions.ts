import type { consumerGroupHeartbeatV1 } from '@platformatic/kafka';

export type OwnedTopicPartitions = consumerGroupHeartbeatV1.ConsumerGroupHeartbeatRequestTopicPartition[];

export interface HeldPartition {
  topic: string;
  partition: number;
}

/** The held partitions by topic id; a topic whose id is not known yet was never fetched, so nothing of it is in hand. */
export function ownedIds(held: HeldPartition[], topicIds: ReadonlyMap<string, string>): OwnedTopicPartitions {
  const byId = new Map<string, number[]>();
  for (const { topic, partition } of held) {
    const id = topicIds.get(topic);
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), partition]);
  }
  return [...byId].map(([topicId, partitions]) => ({ topicId, partitions }));
}

/** `owned` with `held` added, as a new list: the library's own assignment is not changed. */
export function mergeOwned(owned: OwnedTopicPartitions, held: OwnedTopicPartitions): OwnedTopicPartitions {
  const merged = new Map(owned.map((t) => [t.topicId, [...t.partitions]]));
  for (const { topicId, partitions } of held) {
    const into = merged.get(topicId) ?? [];
    for (const p of partitions) if (!into.includes(p)) into.push(p);
    merged.set(topicId, into);
  }
  return [...merged].map(([topicId, partitions]) => ({ topicId, partitions }));
}

/** The held partitions an assignment (by topic id) leaves out; a topic whose id is not known has nothing in hand. */
export function leftOut(
  held: HeldPartition[],
  topicIds: ReadonlyMap<string, string>,
  assignment: OwnedTopicPartitions,
): HeldPartition[] {
  const kept = new Map(assignment.map((t) => [t.topicId, t.partitions]));
  return held.filter(({ topic, partition }) => {
    const id = topicIds.get(topic);
    return id !== undefined && !kept.get(id)?.includes(partition);
  });
}
