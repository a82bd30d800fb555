// Burrow's status names and numeric order (core/protocol StatusConstant), so a dashboard or alert
// written against Burrow reads this library's verdicts the same way.

/** A partition's lag verdict, in ascending severity (Burrow's order). */
export const PARTITION_LAG_STATUSES = ['OK', 'WARN', 'STOP', 'STALL', 'REWIND'] as const;

/**
 * A partition's lag verdict.
 * - `OK`: caught up, or catching up.
 * - `WARN`: moving, but lag never shrank across the window (the consumer is too slow).
 * - `STOP`: no commit for longer than the window spans, and not caught up recently.
 * - `STALL`: still committing, but always the same offset while lag exists.
 * - `REWIND`: the committed offset went backwards and has not come back.
 */
export type PartitionLagStatus = (typeof PARTITION_LAG_STATUSES)[number];

/** A group's lag verdict, in ascending severity (Burrow's order). */
export const GROUP_LAG_STATUSES = ['NOTFOUND', 'OK', 'WARN', 'ERR'] as const;

/**
 * A group's lag verdict: its worst partition, with `STOP`, `STALL` and `REWIND` all reported as
 * `ERR`; `NOTFOUND` when the group is unknown.
 */
export type GroupLagStatus = (typeof GROUP_LAG_STATUSES)[number];

// Burrow's StatusConstant values. ERR (3) sits between WARN and STOP so that "any partition error"
// compares as one level on a group.
const PARTITION_SEVERITY: Readonly<Record<PartitionLagStatus, number>> = {
  OK: 1,
  WARN: 2,
  STOP: 4,
  STALL: 5,
  REWIND: 6,
};

const GROUP_SEVERITY: Readonly<Record<GroupLagStatus, number>> = {
  NOTFOUND: 0,
  OK: 1,
  WARN: 2,
  ERR: 3,
};

/** Burrow's numeric severity of a partition status (higher is worse). */
export function partitionStatusSeverity(status: PartitionLagStatus): number {
  return PARTITION_SEVERITY[status];
}

/** Burrow's numeric severity of a group status (higher is worse; `NOTFOUND` is lowest, as in Burrow). */
export function groupStatusSeverity(status: GroupLagStatus): number {
  return GROUP_SEVERITY[status];
}

/** The worse of two partition statuses. */
export function worsePartitionStatus(a: PartitionLagStatus, b: PartitionLagStatus): PartitionLagStatus {
  return PARTITION_SEVERITY[b] > PARTITION_SEVERITY[a] ? b : a;
}

/** How a partition status counts toward its group: `STOP`, `STALL` and `REWIND` become `ERR`. */
export function toGroupStatus(status: PartitionLagStatus): GroupLagStatus {
  return status === 'OK' || status === 'WARN' ? status : 'ERR';
}
