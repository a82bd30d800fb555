import { summarizeLag } from './lag-math.js';
import {
  groupStatusSeverity,
  toGroupStatus,
  type GroupLagStatus,
  type PartitionLagStatus,
} from './lag-status.js';

/** One evaluated partition of a group. */
export interface PartitionLagReport {
  readonly topic: string;
  readonly partition: number;
  /** The partition's verdict, from `evaluatePartition`. */
  readonly status: PartitionLagStatus;
  /** Current offset lag in messages; `null` when the group has no committed offset here. */
  readonly lag: number | null;
}

/** A group's verdict with Burrow's `maxlag` and `totallag`. */
export interface GroupLagReport {
  /** Worst partition status, with `STOP`, `STALL` and `REWIND` reported as `ERR`. */
  readonly status: GroupLagStatus;
  /** Sum of the known partition lags (`totallag`). */
  readonly totalLag: number;
  /** The partition with the highest known lag (`maxlag`), or `null` if no lag is known. */
  readonly maxLag: PartitionLagReport | null;
  /** Partitions with unknown lag, left out of `totalLag` and `maxLag`. */
  readonly unknownLagPartitions: number;
  readonly partitions: readonly PartitionLagReport[];
}

/**
 * Burrow's group verdict. Pass `undefined` when the group does not exist: the answer is
 * `NOTFOUND`. A group that exists but has no partitions is `OK`, as in Burrow.
 */
export function evaluateGroup(partitions: readonly PartitionLagReport[] | undefined): GroupLagReport {
  if (partitions === undefined) {
    return { status: 'NOTFOUND', totalLag: 0, maxLag: null, unknownLagPartitions: 0, partitions: [] };
  }
  let status: GroupLagStatus = 'OK';
  for (const partition of partitions) {
    const candidate = toGroupStatus(partition.status);
    if (groupStatusSeverity(candidate) > groupStatusSeverity(status)) status = candidate;
  }
  return { status, ...summarizeLag(partitions), partitions };
}
