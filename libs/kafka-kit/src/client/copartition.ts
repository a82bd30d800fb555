/**
 * Partition p of every topic to the same member: p modulo the members, sorted by id (like Kafka
 * Streams' co-partitioning). Ordered retry needs it: the member that consumes partition p of a
 * topic also consumes partition p of its retry topics, so the keys parked for that partition are
 * known in one process. Shared by both drivers' classic-protocol assignors.
 */
export function copartition(
  memberIds: string[],
  partitionCounts: Map<string, number>,
): Map<string, Record<string, number[]>> {
  const ids = [...memberIds].sort();
  const assignment = new Map<string, Record<string, number[]>>(ids.map((id) => [id, {}]));
  for (const [topic, count] of partitionCounts) {
    for (let p = 0; p < count; p++) {
      const owner = assignment.get(ids[p % ids.length]!)!;
      (owner[topic] ??= []).push(p);
    }
  }
  return assignment;
}
