import type { ConsumerGroupStatus, StoppedPartition } from '../consumer/state/consumer-state.js';
import type { GroupLagDetail } from '../verdict/lag-verdict.js';
import type { GroupLag, PartitionLag } from '../lag/lag-sample.js';
import type { GroupLagStatus, PartitionLagStatus } from '../lag/lag-status.js';
import type { ChartSeries, LagHistory } from './lag-history.js';

/** One row of the groups overview. */
export interface GroupRow {
  groupId: string;
  /** This process's consumer state for its own groups, else Kafka's group state. */
  state: string;
  /** Burrow's verdict sharpened by the consumer's own signals; null before the first sample. */
  verdict: GroupLagStatus | null;
  totalLag: number | null;
  maxTimeLagSeconds: number | null;
  recordsPerSecond: number | null;
  members: number | null;
  own: boolean;
  stopped: number;
  /** Why the last lag sample of this group failed. */
  sampleError?: string;
}

/**
 * Who consumes a partition: this process, a member named by its client id and host (decoded
 * from the group's assignments, for other apps' groups too), a member whose assignment could
 * not be read, or nobody.
 */
export type PartitionRowOwner =
  | { kind: 'this process' }
  | { kind: 'member'; clientId: string; host: string; memberId: string }
  | { kind: 'another member' }
  | { kind: 'unassigned' };

/** One partition of a group's page. */
export interface PartitionRow {
  topic: string;
  partition: number;
  committedOffset: string | null;
  logEndOffset: string;
  lag: number | null;
  timeLagSeconds: number | null;
  timeLagLowerBound: boolean;
  status: PartitionLagStatus;
  /** Who consumes it. */
  owner: PartitionRowOwner;
  delayed: boolean;
}

/** Everything a group's page shows. */
export interface GroupDetail {
  row: GroupRow;
  partitions: PartitionRow[];
  stopped: StoppedPartition[];
  charts: { lag: ChartSeries; timeLag: ChartSeries };
}

/** What the views are built from: one moment of in-process state. */
export interface DashboardInputs {
  sampled: readonly GroupLag[];
  verdicts: readonly GroupLagDetail[];
  consumers: readonly ConsumerGroupStatus[];
  history: LagHistory;
}

function groupRow(groupId: string, input: DashboardInputs): GroupRow {
  const lag = input.sampled.find((g) => g.groupId === groupId);
  const verdict = input.verdicts.find((v) => v.groupId === groupId);
  const own = input.consumers.find((c) => c.groupId === groupId);
  return {
    groupId,
    state: own?.state ?? lag?.groupState ?? 'unknown',
    verdict: verdict?.status ?? null,
    totalLag: lag ? lag.totalLag : null,
    maxTimeLagSeconds: lag?.maxTimeLagSeconds ?? null,
    recordsPerSecond: input.history.recordsPerSecond(groupId),
    members: lag?.members ?? null,
    own: own !== undefined,
    stopped: own?.stoppedPartitions.length ?? 0,
    ...(lag?.error !== undefined ? { sampleError: lag.error } : {}),
  };
}

/** The overview: every sampled group and every group of this process, by name. */
export function groupRows(input: DashboardInputs): GroupRow[] {
  const ids = new Set([...input.sampled.map((g) => g.groupId), ...input.consumers.map((c) => c.groupId)]);
  return [...ids].sort().map((id) => groupRow(id, input));
}

function owner(p: PartitionLag, own: ConsumerGroupStatus | undefined, lag: GroupLag): PartitionRowOwner {
  if (own?.assignment[p.topic]?.includes(p.partition)) return { kind: 'this process' };
  if (p.owner) return { kind: 'member', ...p.owner };
  return (lag.members ?? 0) > 0 ? { kind: 'another member' } : { kind: 'unassigned' };
}

/** A group's page, or undefined when the group is neither sampled nor consumed here. */
export function groupDetail(groupId: string, input: DashboardInputs): GroupDetail | undefined {
  const lag = input.sampled.find((g) => g.groupId === groupId);
  const own = input.consumers.find((c) => c.groupId === groupId);
  if (!lag && !own) return undefined;
  const verdict = input.verdicts.find((v) => v.groupId === groupId);
  const partitions = (lag?.partitions ?? []).map((p): PartitionRow => ({
    topic: p.topic,
    partition: p.partition,
    committedOffset: p.committedOffset,
    logEndOffset: p.logEndOffset,
    lag: p.lag,
    timeLagSeconds: p.timeLagSeconds,
    timeLagLowerBound: p.timeLagLowerBound,
    status:
      verdict?.partitions.find((v) => v.topic === p.topic && v.partition === p.partition)?.status ?? p.status,
    owner: owner(p, own, lag!),
    delayed: p.delayed,
  }));
  return {
    row: groupRow(groupId, input),
    partitions,
    stopped: own?.stoppedPartitions ?? [],
    charts: { lag: input.history.series(groupId, 'lag'), timeLag: input.history.series(groupId, 'timeLag') },
  };
}
