import { evaluateGroup } from '../lag/group-evaluator.js';
import type { GroupLag, PartitionLag } from '../lag/lag-sample.js';
import { worsePartitionStatus, type GroupLagStatus, type PartitionLagStatus } from '../lag/lag-status.js';
import type { LivenessProblem } from './consumer-liveness.js';
import {
  groupRebalancing,
  lagAboveMax,
  lagGroupStatus,
  lagSampleFailed,
  timeLagAboveMax,
} from './health.messages.js';

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
  /** A topic whose records wait on purpose (a retry topic): not held against the limits. */
  delayed: boolean;
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
  /** Epoch ms since when this app's member has seen the group rebalancing, while it is. */
  rebalancingSince?: number;
  partitions: PartitionLagDetail[];
}

/** The lag check's outcome. */
export interface LagVerdict {
  status: 'up' | 'degraded' | 'down';
  groups: GroupLagDetail[];
}

type PartitionProblem = Extract<LivenessProblem, { topic: string }>;

// A stopped partition has stopped committing: Burrow would call it STOP once its window showed
// it. A stuck handler still holds its partition but the offset cannot move: STALL.
const SIGNAL_STATUS: Record<PartitionProblem['reason'], PartitionLagStatus> = {
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
    delayed: p.delayed,
  };
  for (const problem of problems) {
    if (!('topic' in problem) || problem.topic !== p.topic || problem.partition !== p.partition) continue;
    const status = worsePartitionStatus(detail.status, SIGNAL_STATUS[problem.reason]);
    if (status !== detail.status) Object.assign(detail, { status, signal: problem.reason });
  }
  return detail;
}

const SEVERITY: Record<LagVerdict['status'], number> = { up: 0, degraded: 1, down: 2 };

/** Every partition over a limit, said in words. */
function limitBreaches(partitions: readonly PartitionLagDetail[], limits: LagLimits): string[] {
  const { maxLag, maxTimeLagSeconds } = limits;
  return partitions
    .filter((p) => !p.delayed)
    .flatMap((p) => [
      ...(maxLag !== undefined && p.lag !== null && p.lag > maxLag
        ? [lagAboveMax(p.topic, p.partition, p.lag, maxLag)]
        : []),
      ...(maxTimeLagSeconds !== undefined && p.timeLagSeconds !== null && p.timeLagSeconds > maxTimeLagSeconds
        ? [timeLagAboveMax(p.topic, p.partition, p.timeLagSeconds, maxTimeLagSeconds)]
        : []),
    ]);
}

function judgeGroup(
  g: GroupLag,
  problems: readonly LivenessProblem[],
  limits: LagLimits,
): { detail: GroupLagDetail; health: LagVerdict['status'] } {
  const own = g.own ? problems.filter((x) => x.groupId === g.groupId) : [];
  const partitions = g.partitions.map((p) => withSignal(p, own));
  const report = evaluateGroup(g.status === 'NOTFOUND' && partitions.length === 0 ? undefined : partitions);
  const breaches = limitBreaches(partitions, limits);
  const verdictReason =
    report.status === 'ERR' || report.status === 'WARN' ? [lagGroupStatus(report.status)] : [];
  const sampleReason = g.error !== undefined ? [lagSampleFailed(g.error)] : [];
  // A rebalance is no lag yet, but it is why nothing moves: said, and at least degraded.
  const rebalancing = own.find((x) => x.reason === 'rebalancing');
  const rebalanceReason = rebalancing
    ? [groupRebalancing(rebalancing.since, rebalancing.rebalancingForMs)]
    : [];
  const health =
    report.status === 'ERR' || breaches.length > 0
      ? 'down'
      : report.status === 'WARN' || g.error !== undefined || rebalancing
        ? 'degraded'
        : 'up';
  const timeLags = partitions.flatMap((p) => (p.timeLagSeconds === null ? [] : [p.timeLagSeconds]));
  const maxLag = report.maxLag;
  return {
    health,
    detail: {
      groupId: g.groupId,
      status: report.status,
      totalLag: report.totalLag,
      maxLag:
        maxLag?.lag != null ? { topic: maxLag.topic, partition: maxLag.partition, lag: maxLag.lag } : null,
      maxTimeLagSeconds: timeLags.length > 0 ? Math.max(...timeLags) : null,
      unknownLagPartitions: report.unknownLagPartitions,
      reasons: [...rebalanceReason, ...verdictReason, ...breaches, ...sampleReason],
      rebalancingSince: rebalancing?.since,
      partitions,
    },
  };
}

/**
 * Burrow's verdict per group, sharpened by the consumer's own signals (stopped partitions,
 * stuck handlers) and checked against the limits: down on ERR or over a limit, degraded on
 * WARN or when a group could not be sampled, up otherwise. The worst group decides.
 */
export function lagVerdict(
  groups: readonly GroupLag[],
  problems: readonly LivenessProblem[],
  limits: LagLimits,
): LagVerdict {
  const judged = groups.map((g) => judgeGroup(g, problems, limits));
  const status = judged.reduce<LagVerdict['status']>(
    (worst, { health }) => (SEVERITY[health] > SEVERITY[worst] ? health : worst),
    'up',
  );
  return { status, groups: judged.map((j) => j.detail) };
}
