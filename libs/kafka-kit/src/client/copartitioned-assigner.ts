import type { PartitionAssigner } from 'kafkajs';
import { copartition } from './copartition.js';
import { AssignerProtocol } from './kafkajs.js';

/** kafkajs' assignor for `copartition` (see there why ordered retry needs it). */
export const CopartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'NestKafkaKitCopartitioned',
  version: 1,
  async assign({ members, topics }) {
    const counts = new Map(topics.map((t) => [t, cluster.findTopicPartitionMetadata(t).length]));
    const assignment = copartition(
      members.map((m) => m.memberId),
      counts,
    );
    return [...assignment].map(([memberId, topicPartitions]) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment: topicPartitions,
        userData: Buffer.alloc(0),
      }),
    }));
  },
  protocol({ topics }) {
    return {
      name: 'NestKafkaKitCopartitioned',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 1, topics, userData: Buffer.alloc(0) }),
    };
  },
});
