import { evaluateGroup } from '../lag/group-evaluator.js';
import type { GroupLag, PartitionLag } from '../lag/lag-sample.js';
import { worsePartitionStatus, type GroupLagStatus, type PartitionLagStatus } from '../lag/lag-status.js';
import type { LivenessProblem } from './consumer-liveness.js';
import { lagAboveMax, lagGroupStatus, lagSampleFailed, timeLagAboveMax } from './health.messages.js';

/** Limits beyond which the lag check is down whatever Burrow's rules say. */
export interface LagLimits {
  maxLag?: number;
  maxTimeLagSeconds?: number;
}

/** One partition in the lag check's details. */
export interface PartitionLagDetail {
  topic: string;
  partition: number;
  status: PartitionLagStatus;
  lag: number | null;
  timeLagSeconds: number | null;
  /** True when the time lag is only a lower bound (the commit predates the sampled history). */
  timeLagLowerBound: boolean;
  positionLag: string | null;
  /** Set when the consumer's own state decided the status (faster than the commit window). */
  signal?: LivenessProblem['reason'];
}

/** One group in the lag check's details. */
export interface GroupLagDetail {
  groupId: string;
  status: GroupLagStatus;
  totalLag: number;
  maxLag: { topic: string; partition: number; lag: number } | null;
  maxTimeLagSeconds: number | null;
  unknownLagPartitions: number;
  /** Why the group counts against health; empty when it is fine. */
  reasons: string[];
  partitions: PartitionLagDetail[];
}

/** The lag check's outcome. */
export interface LagVerdict {
  status: 'up' | 'degraded' | 'down';
  groups: GroupLagDetail[];
}

// A stopped partition has stopped committing: Burrow would call it STOP once its window showed
// it. A stuck handler still holds its partition but the offset cannot move: STALL.
const SIGNAL_STATUS: Record<Exclude<LivenessProblem['reason'], 'crashed'>, PartitionLagStatus> = {
  'stopped-partition': 'STOP',
  'stuck-handler': 'STALL',
};

function withSignal(p: PartitionLag, problems: readonly LivenessProblem[]): PartitionLagDetail {
  const detail: PartitionLagDetail = {
    topic: p.topic,
    partition: p.partition,
    status: p.status,
    lag: p.lag,
    timeLagSeconds: p.timeLagSeconds,
    timeLagLowerBound: p.timeLagLowerBound,
    positionLag: p.positionLag,
  };
  for (const problem of problems) {
    if (problem.reason === 'crashed' || problem.topic !== p.topic || problem.partition !== p.partition)
      continue;
    const status = worsePartitionStatus(detail.status, SIGNAL_STATUS[problem.reason]);
    if (status !== detail.status) Object.assign(detail, { status, signal: problem.reason });
  }
  return detail;
}

/**
 * Burrow's verdict per group, sharpened by the consumer's own signals (stopped partitions,
 * stuck handlers) and checked against the limits: down on ERR or over a limit, degraded on
 * WARN or when a group could not be sampled, up otherwise.
 */
export function lagVerdict(
  groups: readonly GroupLag[],
  problems: readonly LivenessProblem[],
  limits: LagLimits,
): LagVerdict {
  let status: LagVerdict['status'] = 'up';
  const details = groups.map((g) => {
    const partitions = g.partitions.map((p) =>
      withSignal(p, g.own ? problems.filter((x) => x.groupId === g.groupId) : []),
    );
    const report = evaluateGroup(g.status === 'NOTFOUND' && partitions.length === 0 ? undefined : partitions);
    const reasons: string[] = [];
    if (report.status === 'ERR' || report.status === 'WARN') reasons.push(lagGroupStatus(report.status));
    const maxLag = report.maxLag;
    const lagOver = limits.maxLag !== undefined && maxLag?.lag != null && maxLag.lag > limits.maxLag;
    if (lagOver) reasons.push(lagAboveMax(maxLag!.topic, maxLag!.partition, maxLag!.lag!, limits.maxLag!));
    const slowest = partitions.reduce<PartitionLagDetail | undefined>(
      (worst, p) => ((p.timeLagSeconds ?? -1) > (worst?.timeLagSeconds ?? -1) ? p : worst),
      undefined,
    );
    const limit = limits.maxTimeLagSeconds;
    const timeOver = limit !== undefined && slowest?.timeLagSeconds != null && slowest.timeLagSeconds > limit;
    if (timeOver)
      reasons.push(timeLagAboveMax(slowest!.topic, slowest!.partition, slowest!.timeLagSeconds!, limit!));
    if (g.error !== undefined) reasons.push(lagSampleFailed(g.error));

    if (report.status === 'ERR' || lagOver || timeOver) status = 'down';
    else if ((report.status === 'WARN' || g.error !== undefined) && status === 'up') status = 'degraded';
    return {
      groupId: g.groupId,
      status: report.status,
      totalLag: report.totalLag,
      maxLag:
        maxLag?.lag != null ? { topic: maxLag.topic, partition: maxLag.partition, lag: maxLag.lag } : null,
      maxTimeLagSeconds: slowest?.timeLagSeconds ?? null,
      unknownLagPartitions: report.unknownLagPartitions,
      reasons,
      partitions,
    };
  });
  return { status, groups: details };
}
