const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * Offsets below which a partition's commits must stay while failure writes (DLQ, retry topic)
 * are unconfirmed, although the loop has marked, and the client fetches, past them: the loop
 * does not wait for each write, and a crash before the write is confirmed still brings the
 * failed record back. Shared by the drivers, which apply it to every commit of marked offsets.
 */
export class CommitHolds {
  private readonly held = new Map<string, bigint[]>();

  /** `released` runs when a partition's last hold is released (to commit what it held back). */
  constructor(private readonly released: () => void) {}

  get any(): boolean {
    return this.held.size > 0;
  }

  /** Holds commits of the partition at `offset` until the returned function is called (once). */
  hold(topic: string, partition: number, offset: string): () => void {
    const k = key(topic, partition);
    const at = BigInt(offset);
    const offsets = this.held.get(k) ?? [];
    offsets.push(at);
    this.held.set(k, offsets);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      offsets.splice(offsets.indexOf(at), 1);
      if (offsets.length > 0 || this.held.get(k) !== offsets) return;
      this.held.delete(k);
      this.released();
    };
  }

  /** The offset to commit for the partition: `next`, or its lowest hold when below `next`. */
  clamp(topic: string, partition: number, next: bigint): bigint {
    const offsets = this.held.get(key(topic, partition));
    if (offsets === undefined) return next;
    let lowest = next;
    for (const at of offsets) if (at < lowest) lowest = at;
    return lowest;
  }
}
