// Time lag by interpolation, the method of kafka-lag-exporter: the sampler already reads every
// partition's log-end offset each interval, so remembering when the end offset reached which
// value lets us tell, for any committed offset, roughly when the record at that offset arrived.
// No extra broker request is needed; the price is precision bounded by the sampling interval.
import { parseOffset, type OffsetLike } from './lag-math.js';

/** The log-end offset was `offset` from `firstAt` until at least `lastAt` (epoch ms). */
interface EndOffsetPoint {
  readonly offset: bigint;
  readonly firstAt: number;
  lastAt: number;
}

/** How many seconds behind a committed offset is, and whether that is only a lower bound. */
export interface TimeLag {
  readonly seconds: number;
  /**
   * True when the committed offset is older than the whole history, so the real time lag is
   * at least `seconds`.
   */
  readonly lowerBound: boolean;
}

/**
 * The log-end offsets of one partition, each with when it was first and last seen. When full,
 * every other point of the older half is dropped, so the history keeps reaching far back with
 * coarser resolution instead of forgetting the past.
 */
export class EndOffsetHistory {
  private points: EndOffsetPoint[] = [];

  /**
   * @param capacity points kept at most.
   * @default 64
   */
  constructor(private readonly capacity = 64) {
    if (!Number.isInteger(capacity) || capacity < 4) {
      throw new RangeError(`History capacity must be an integer >= 4, got ${capacity}`);
    }
  }

  /** Records that the log-end offset was `end` at `at`. */
  record(end: OffsetLike, at: number): void {
    const offset = parseOffset(end);
    if (offset === null) return;
    const newest = this.points[this.points.length - 1];
    if (newest !== undefined && offset <= newest.offset) {
      if (offset === newest.offset) newest.lastAt = at;
      return;
    }
    this.points.push({ offset, firstAt: at, lastAt: at });
    if (this.points.length > this.capacity) this.thin();
  }

  private thin(): void {
    const half = Math.floor(this.points.length / 2);
    const older = this.points.slice(0, half).filter((_, i) => i % 2 === 0);
    this.points = [...older, ...this.points.slice(half)];
  }

  /**
   * Seconds between `now` and the moment the log end passed `committed`, interpolated linearly
   * between the two surrounding samples. `null` when nothing is committed or nothing was sampled.
   * A consumer at or past the newest end offset is 0 s behind.
   */
  timeLag(committed: OffsetLike, now: number): TimeLag | null {
    const offset = parseOffset(committed);
    const newest = this.points[this.points.length - 1];
    if (offset === null || newest === undefined) return null;
    if (offset >= newest.offset) return { seconds: 0, lowerBound: false };
    const first = this.points[0]!;
    if (offset < first.offset) return { seconds: toSeconds(now - first.firstAt), lowerBound: true };
    // The record at `committed` arrived after the end offset was last seen at or below it (it
    // was not there yet) and by the time the next end offset was first seen (it was).
    let i = 0;
    while (this.points[i + 1]!.offset <= offset) i++;
    const before = this.points[i]!;
    const after = this.points[i + 1]!;
    const fraction = Number(offset - before.offset + 1n) / Number(after.offset - before.offset);
    const arrivedAt = before.lastAt + fraction * (after.firstAt - before.lastAt);
    return { seconds: toSeconds(now - arrivedAt), lowerBound: false };
  }
}

const toSeconds = (ms: number): number => Math.max(0, Math.round(ms) / 1000);
