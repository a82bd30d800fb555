import type { PartitionActivity } from './consumer-state.js';

/**
 * What one partition is doing right now. Its consumer loop is its only writer, through these
 * methods; readers get copies (`snapshot`). Mutated in place so the hot path allocates nothing.
 */
export class PartitionActivitySlot implements PartitionActivity {
  offset = '-1';
  handlingSince = 0;
  lastProgressAt = 0;
  handled = 0;
  positionLag = '0';

  constructor(
    readonly groupId: string,
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** A handler call on the record at `offset` starts; returns its start time. */
  begin(offset: string): number {
    this.offset = offset;
    return (this.handlingSince = Date.now());
  }

  /** `count` records were handled successfully; returns the time. */
  succeeded(count: number): number {
    const now = Date.now();
    this.handlingSince = 0;
    this.lastProgressAt = now;
    this.handled += count;
    return now;
  }

  /** The handler call failed and the failure went to the error strategy: no handler runs. */
  ended(): void {
    this.handlingSince = 0;
  }

  /** A failed record was dealt with for good (recorded elsewhere, recovered or skipped). */
  failureRecorded(): void {
    this.lastProgressAt = Date.now();
  }

  /** Key-level concurrency: `count` records done while other calls may still run. */
  progressed(count: number): number {
    const now = Date.now();
    this.lastProgressAt = now;
    this.handled += count;
    return now;
  }

  /** Key-level concurrency: the longest-running call in flight (its offset and start), or none. */
  oldestInFlight(call: { offset: string; since: number } | undefined): void {
    if (call === undefined) this.handlingSince = 0;
    else {
      this.offset = call.offset;
      this.handlingSince = call.since;
    }
  }

  snapshot(): PartitionActivity {
    const { groupId, topic, partition, offset, handlingSince, lastProgressAt, handled, positionLag } = this;
    return { groupId, topic, partition, offset, handlingSince, lastProgressAt, handled, positionLag };
  }
}
