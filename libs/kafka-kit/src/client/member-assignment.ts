/** Partitions assigned to one member, by topic, as the consumer protocol encodes them. */
export type TopicPartitions = Record<string, number[]>;

/**
 * Decodes a member's assignment from a DescribeGroups answer, in the consumer protocol's
 * format (ConsumerProtocolAssignment: int16 version, [topic string, [int32 partition]], user
 * data). Versions 0 to 3 share that prefix, and what follows it is not read. Returns `null` for
 * bytes that are empty (a member not yet assigned) or not in that format (a group of another
 * protocol type, such as Connect's), so a caller shows "unknown" rather than a wrong owner.
 */
export function decodeMemberAssignment(bytes: Uint8Array | null | undefined): TopicPartitions | null {
  if (!bytes || bytes.length < 6) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2; // the version: every known version starts with the same partitions
  const need = (n: number) => {
    if (at + n > bytes.length) throw new RangeError('truncated');
  };
  const int16 = () => (need(2), (at += 2), view.getInt16(at - 2));
  const int32 = () => (need(4), (at += 4), view.getInt32(at - 4));
  try {
    const topics = int32();
    if (topics < 0) return null;
    const assignment: TopicPartitions = {};
    for (let t = 0; t < topics; t++) {
      const length = int16();
      if (length < 0) return null;
      need(length);
      const topic = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + length));
      at += length;
      const count = int32();
      if (count < 0) return null;
      need(count * 4);
      assignment[topic] = Array.from({ length: count }, int32);
    }
    return assignment;
  } catch {
    return null;
  }
}
