// At most this many failure writes in flight per partition before the loop waits for them.
const MAX_IN_FLIGHT = 64;

type Settled = { recorded: boolean; error?: unknown };

/**
 * Failure writes (DLQ, retry topic) still in flight on one partition. The loop goes on with the
 * next records meanwhile, but marks nothing at or after the first unconfirmed failure: offsets
 * are committed only once every write before them was confirmed.
 */
export class PendingFailures {
  private inFlight: { offset: string; settled: Promise<Settled> }[] = [];
  private last?: string;

  get empty(): boolean {
    return this.inFlight.length === 0;
  }

  get full(): boolean {
    return this.inFlight.length >= MAX_IN_FLIGHT;
  }

  /** `recorded` resolves true once the failure is durably recorded. */
  add(offset: string, recorded: Promise<boolean>): void {
    // Settled at once so a rejection is never unhandled while the loop runs on.
    const settled = recorded.then(
      (ok) => ({ recorded: ok }),
      (error: unknown) => ({ recorded: false, error }),
    );
    this.inFlight.push({ offset, settled });
  }

  /** A record after the first pending failure is done; it is marked when they are confirmed. */
  done(offset: string): void {
    this.last = offset;
  }

  /**
   * Waits for every write. All recorded: marks the last done offset, returns true. Otherwise
   * marks up to the record before the first unrecorded failure (it and what follows come again)
   * and returns false; rethrows a strategy's error.
   */
  async settle(mark: (offset: string) => void): Promise<boolean> {
    const inFlight = this.inFlight;
    const last = this.last;
    this.inFlight = [];
    this.last = undefined;
    for (const { offset, settled } of inFlight) {
      const { recorded, error } = await settled;
      if (recorded) continue;
      await Promise.all(inFlight.map((p) => p.settled));
      mark((BigInt(offset) - 1n).toString());
      if (error !== undefined) throw error;
      return false;
    }
    if (last !== undefined) mark(last);
    return true;
  }
}
