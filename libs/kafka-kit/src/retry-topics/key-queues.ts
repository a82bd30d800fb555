/**
 * Per source partition and key, the source offsets of records that are somewhere in the retry
 * path (failed, or parked behind one that failed), ascending. A record may be handled only when
 * no record of its key with a lower source offset is still in the path.
 */
export class KeyQueues {
  private readonly partitions = new Map<number, Map<string, bigint[]>>();

  /** True when `key` has a record in the retry path on `partition`. */
  has(partition: number, key: string): boolean {
    return this.partitions.get(partition)?.has(key) ?? false;
  }

  add(partition: number, key: string, offset: string): void {
    let keys = this.partitions.get(partition);
    if (!keys) this.partitions.set(partition, (keys = new Map()));
    const queue = keys.get(key) ?? [];
    const o = BigInt(offset);
    if (queue.includes(o)) return;
    queue.push(o);
    queue.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    keys.set(key, queue);
  }

  /** True when no earlier record of `key` is in the path (`offset` itself may or may not be). */
  isHead(partition: number, key: string, offset: string): boolean {
    const first = this.partitions.get(partition)?.get(key)?.[0];
    return first === undefined || first >= BigInt(offset);
  }

  remove(partition: number, key: string, offset: string): void {
    const keys = this.partitions.get(partition);
    const queue = keys?.get(key);
    if (!keys || !queue) return;
    const o = BigInt(offset);
    const rest = queue.filter((q) => q !== o);
    if (rest.length === 0) keys.delete(key);
    else keys.set(key, rest);
  }

  /** Forgets a partition (it was revoked, or is about to be rebuilt). */
  clear(partition: number): void {
    this.partitions.delete(partition);
  }

  /** Keys in the path per partition, for tests and diagnostics. */
  snapshot(): Record<number, Record<string, string[]>> {
    const out: Record<number, Record<string, string[]>> = {};
    for (const [p, keys] of this.partitions)
      out[p] = Object.fromEntries([...keys].map(([k, q]) => [k, q.map(String)]));
    return out;
  }
}
