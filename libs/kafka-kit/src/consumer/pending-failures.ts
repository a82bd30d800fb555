// At most this many failure writes in flight per partition before the loop waits for them.
const MAX_IN_FLIGHT = 64;

type Settled = { recorded: boolean; error?: unknown };

/**
 * Failure writes (DLQ, retry topic) still in flight on one partition, kept across its batches.
 * The loop goes on with the next records, and the next batch, meanwhile: it marks them, and
 * each write holds the partition's commits at its failed record until it is confirmed, so no
 * offset at or past an unrecorded failure is committed.
 */
export class PendingFailures {
  private inFlight: { offset: string; settled: Promise<Settled>; release: () => void }[] = [];

  get size(): number {
    return this.inFlight.length;
  }

  get full(): boolean {
    return this.inFlight.length >= MAX_IN_FLIGHT;
  }

  /**
   * `recorded` resolves true once the failure is durably recorded; `release` lifts its commit
   * hold, at once when it is (an unrecorded failure keeps its hold until `settle` rewinds).
   */
  add(offset: string, recorded: Promise<boolean>, release: () => void): void {
    // Settled at once so a rejection is never unhandled while the loop runs on.
    const settled = recorded.then(
      (ok) => {
        if (ok) release();
        return { recorded: ok };
      },
      (error: unknown) => ({ recorded: false, error }),
    );
    this.inFlight.push({ offset, settled, release });
  }

  /** Resolves once every write in flight now has settled (a recorded one has lifted its hold). */
  async writesSettled(): Promise<void> {
    await Promise.all(this.inFlight.map((p) => p.settled));
  }

  /**
   * Waits for the oldest `count` writes (all by default) and forgets them. All recorded: true.
   * Otherwise waits for every write, calls `rewind` with the first unrecorded failure's offset
   * (it and what follows come again), lifts every hold, returns false; rethrows a strategy's error.
   */
  async settle(rewind: (offset: string) => void, count = this.inFlight.length): Promise<boolean> {
    const settling = this.inFlight.slice(0, count);
    for (const { offset, settled } of settling) {
      const { recorded, error } = await settled;
      if (recorded) continue;
      const all = this.inFlight;
      this.inFlight = [];
      await Promise.all(all.map((p) => p.settled));
      rewind(offset);
      for (const p of all) p.release();
      if (error !== undefined) throw error;
      return false;
    }
    this.inFlight.splice(0, settling.length);
    return true;
  }
}
