import kafkajs, { type PartitionAssigner } from 'kafkajs';

const { AssignerProtocol } = kafkajs;

/**
 * Gives partition p of every subscribed topic to the same member (p modulo the members, sorted
 * by id), like Kafka Streams' co-partitioning. Ordered retry needs it: the member that consumes
 * partition p of a topic also consumes partition p of its retry topics, so the keys parked for
 * that partition are known in one process.
 */
export const CopartitionedAssigner: PartitionAssigner = ({ cluster }) => ({
  name: 'NestKafkaKitCopartitioned',
  version: 1,
  async assign({ members, topics }) {
    const ids = members.map((m) => m.memberId).sort();
    const assignment = new Map<string, Record<string, number[]>>(ids.map((id) => [id, {}]));
    for (const topic of topics) {
      for (const { partitionId } of cluster.findTopicPartitionMetadata(topic)) {
        const owner = assignment.get(ids[partitionId % ids.length]!)!;
        (owner[topic] ??= []).push(partitionId);
      }
    }
    return ids.map((memberId) => ({
      memberId,
      memberAssignment: AssignerProtocol.MemberAssignment.encode({
        version: 1,
        assignment: assignment.get(memberId)!,
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
