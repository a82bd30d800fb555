// Burrow's sliding-window rules (linkedin/Burrow, core/internal/evaluator/caching.go), rewritten
// for one partition. No thresholds to tune: a partition is judged by how its commits moved across
// the window, not by how big its lag is.
import type { PartitionLagStatus } from './lag-status.js';

/** One stored commit of a partition, as Burrow keeps it. */
export interface CommitSample {
  /** The committed offset (the next offset the group will read). */
  readonly offset: bigint | number;
  /** When the commit happened, in epoch milliseconds. */
  readonly timestamp: number;
  /** Lag at the time of the commit, in messages; `null` when it was not known then. */
  readonly lag: number | null;
}

/** Everything {@link evaluatePartition} looks at for one partition. */
export interface PartitionEvaluationInput {
  /** The window of recent commits, oldest first. */
  readonly commits: readonly CommitSample[];
  /** Recently sampled log-end offsets of the partition, in any order. */
  readonly endOffsets: readonly (bigint | number)[];
  /** Lag now: latest log-end offset minus the last committed offset; `null` when unknown. */
  readonly currentLag: number | null;
  /** The evaluation time, in epoch milliseconds. */
  readonly now: number;
  /**
   * Lag that still counts as caught up.
   * @default 0
   */
  readonly allowedLag?: number;
}

const big = (value: bigint | number): bigint => (typeof value === 'bigint' ? value : BigInt(value));

/**
 * Burrow's status of one partition. Checked in order, first match wins:
 * 1. current lag <= allowed lag: `OK`;
 * 2. no commit for longer than the window spans, and no recent end offset at or below the last
 *    commit: `STOP`;
 * 3. the offset went backwards and never got back to where it was: `REWIND`;
 * 4. if no stored lag is <= allowed lag: `STALL` when the offset never moved, else `WARN` when the
 *    lag never decreased;
 * 5. otherwise `OK`.
 *
 * With no commits there is nothing to judge, and the answer is `OK`, as in Burrow.
 */
export function evaluatePartition(input: PartitionEvaluationInput): PartitionLagStatus {
  const { commits, endOffsets, currentLag, now, allowedLag = 0 } = input;
  if (commits.length === 0 || currentLag === null || currentLag <= allowedLag) return 'OK';

  // Stop comes first: lag-free commits early in the window do not excuse a consumer that has
  // since gone quiet. Recent end offsets at or below the last commit mean it was caught up a few
  // refreshes ago, which delays the alarm.
  if (hasStoppedCommitting(commits, now) && !wasRecentlyCaughtUp(commits, endOffsets)) return 'STOP';

  // Checked before the zero-lag shortcut: a consumer at zero lag that rewinds to the earliest
  // offset still has those zero-lag commits in its window.
  const rewindAt = firstRewindIndex(commits);
  if (rewindAt > 0 && !hasRecoveredFromRewind(commits, rewindAt)) return 'REWIND';

  if (isLagAlwaysAboveAllowed(commits, allowedLag)) {
    if (isOffsetUnchanged(commits)) return 'STALL';
    if (isLagNeverDecreasing(commits)) return 'WARN';
  }
  return 'OK';
}

/** The time since the last commit is strictly greater than the time the window spans. */
function hasStoppedCommitting(commits: readonly CommitSample[], now: number): boolean {
  const first = commits[0]!.timestamp;
  const last = commits[commits.length - 1]!.timestamp;
  return now - last > last - first;
}

/** Some sampled log-end offset is at or below the last committed offset (lag was zero then). */
function wasRecentlyCaughtUp(
  commits: readonly CommitSample[],
  endOffsets: readonly (bigint | number)[],
): boolean {
  const lastOffset = big(commits[commits.length - 1]!.offset);
  return endOffsets.some((end) => big(end) <= lastOffset);
}

/**
 * Index of the first commit lower than the one before it, or -1. Like Burrow, only the first
 * rewind is examined: a later one is judged once the first has aged out of the window.
 */
function firstRewindIndex(commits: readonly CommitSample[]): number {
  for (let i = 1; i < commits.length; i++) {
    if (big(commits[i]!.offset) < big(commits[i - 1]!.offset)) return i;
  }
  return -1;
}

// A rebalance can make a consumer commit an old offset and then carry on where it was, so a
// rewind only counts while the consumer has not reached its pre-rewind offset again.
function hasRecoveredFromRewind(commits: readonly CommitSample[], rewindAt: number): boolean {
  const before = big(commits[rewindAt - 1]!.offset);
  return commits.slice(rewindAt).some((commit) => big(commit.offset) >= before);
}

/** No stored lag is within the allowed lag. Unknown lags count as not within it, as in Burrow. */
function isLagAlwaysAboveAllowed(commits: readonly CommitSample[], allowedLag: number): boolean {
  return commits.every((commit) => commit.lag === null || commit.lag > allowedLag);
}

/** Every commit in the window has the same offset. */
function isOffsetUnchanged(commits: readonly CommitSample[]): boolean {
  const first = big(commits[0]!.offset);
  return commits.every((commit) => big(commit.offset) === first);
}

/** Known lags never strictly decrease from one commit to the next (equal is not a decrease). */
function isLagNeverDecreasing(commits: readonly CommitSample[]): boolean {
  let previous: number | null = null;
  for (const { lag } of commits) {
    if (lag === null) continue;
    if (previous !== null && lag < previous) return false;
    previous = lag;
  }
  return true;
}
