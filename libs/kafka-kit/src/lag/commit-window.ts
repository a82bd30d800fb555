// Per-partition history in the shape Burrow's in-memory storage keeps it (core/internal/storage/
// inmemory.go): a ring of the last N commits and a ring of the last N sampled log-end offsets.
import type { CommitSample, PartitionEvaluationInput } from './burrow-evaluator.js';
import { computeLag, parseOffset, type OffsetLike } from './lag-math.js';
import { RingBuffer } from './ring-buffer.js';

/** Options of a {@link CommitWindow}. */
export interface CommitWindowOptions {
  /**
   * How many commits, and how many log-end offset samples, are kept (Burrow's `intervals`).
   * @default 10
   */
  readonly intervals?: number;
  /**
   * A commit less than this many milliseconds after the newest stored one replaces it instead of
   * taking a new slot (Burrow's `min-distance`, 1 s by default).
   * @default 1000
   */
  readonly minDistanceMs?: number;
}

/** A commit as observed, before it is stored. */
export interface CommitObservation {
  /** The committed offset; `'-1'` (no commit) is ignored. */
  readonly offset: OffsetLike;
  /**
   * When the commit happened, in epoch milliseconds. Pass the commit's own time, not the time it
   * was polled: a commit seen again with the same offset and time is not stored twice.
   */
  readonly timestamp: number;
  /** Lag at commit time. Omit it to compute it from the newest log-end offset sample, as Burrow does. */
  readonly lag?: number | null;
}

/** A stored commit; the offset is already parsed. */
export interface StoredCommitSample extends CommitSample {
  readonly offset: bigint;
}

/** The last N commits and log-end offsets of one partition, ready for `evaluatePartition`. */
export class CommitWindow {
  private readonly commits: RingBuffer<StoredCommitSample>;
  private readonly endOffsets: RingBuffer<bigint>;
  private readonly minDistanceMs: number;

  constructor(options: CommitWindowOptions = {}) {
    const intervals = options.intervals ?? 10;
    this.commits = new RingBuffer(intervals);
    this.endOffsets = new RingBuffer(intervals);
    this.minDistanceMs = options.minDistanceMs ?? 1000;
  }

  /** Stores a sampled log-end offset of the partition (one per refresh). */
  recordEndOffset(offset: OffsetLike): void {
    const parsed = parseOffset(offset);
    if (parsed !== null) this.endOffsets.push(parsed);
  }

  /**
   * Stores a commit. Returns `false` when it was not stored: no committed offset (`'-1'`), the same
   * offset and time as the newest stored commit, or older than it. The window must stay in time
   * order for the stop rule; Burrow orders by position in `__consumer_offsets`, which is not
   * available here, so a late commit is dropped rather than inserted.
   */
  recordCommit(commit: CommitObservation): boolean {
    if (!Number.isFinite(commit.timestamp)) {
      throw new RangeError(`Commit timestamp must be a finite number, got ${commit.timestamp}`);
    }
    const offset = parseOffset(commit.offset);
    if (offset === null) return false;
    const newest = this.commits.newest();
    if (newest !== undefined) {
      if (commit.timestamp < newest.timestamp) return false;
      if (commit.timestamp === newest.timestamp && offset === newest.offset) return false;
    }
    const lag = commit.lag !== undefined ? commit.lag : this.lagAgainstNewestEnd(offset);

    if (newest !== undefined && commit.timestamp - newest.timestamp < this.minDistanceMs) {
      // Keeping the older timestamp matters: a consumer that commits more often than
      // min-distance would otherwise keep pushing the slot's time forward and never fill the ring.
      this.commits.replaceNewest({ offset, timestamp: newest.timestamp, lag });
    } else {
      this.commits.push({ offset, timestamp: commit.timestamp, lag });
    }
    return true;
  }

  // Burrow measures a commit's lag against the newest end offset it holds when the commit arrives.
  private lagAgainstNewestEnd(offset: bigint): number | null {
    const end = this.endOffsets.newest();
    return end === undefined ? null : computeLag(end, offset);
  }

  /** The stored commits, oldest first. */
  commitSamples(): StoredCommitSample[] {
    return this.commits.toArray();
  }

  /** The stored log-end offset samples, oldest first. */
  endOffsetSamples(): bigint[] {
    return this.endOffsets.toArray();
  }

  /** Newest log-end offset minus newest commit (0 if the commit is ahead), or `null` if either is missing. */
  currentLag(): number | null {
    const commit = this.commits.newest();
    return commit === undefined ? null : this.lagAgainstNewestEnd(commit.offset);
  }

  /**
   * The input `evaluatePartition` needs for this partition at time `now` (epoch ms).
   * @param allowedLag lag that still counts as caught up.
   */
  toEvaluationInput(now: number, allowedLag = 0): PartitionEvaluationInput {
    return {
      commits: this.commitSamples(),
      endOffsets: this.endOffsetSamples(),
      currentLag: this.currentLag(),
      now,
      allowedLag,
    };
  }
}
