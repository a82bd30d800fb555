import { evaluateGroup } from '../lag/group-evaluator.js';
import type { GroupLag, PartitionLag } from '../lag/lag-sample.js';
import {
  groupStatusSeverity,
  worsePartitionStatus,
  type GroupLagStatus,
  type PartitionLagStatus,
} from '../lag/lag-status.js';
import type { LivenessProblem } from './consumer-liveness.js';
import {
  groupCrashed,
  groupRebalancing,
  offsetStoreUnreadable,
  lagAboveMax,
  lagGroupStatus,
  lagSampleFailed,
  timeLagAboveMax,
} from './verdict.messages.js';

/** Limits beyond which a group is ERR whatever Burrow's rules say, and when a rebalance is stuck. */
export interface LagLimits {
  maxLag?: number;
  maxTimeLagSeconds?: number;
  /** A rebalance this long is ERR (liveness down); a shorter one is WARN. Unset: never ERR. */
  stuckRebalanceMs?: number;
}

/** One partition in the lag check's details. */
export interface PartitionLagDetail {
  /** The topic. */
  topic: string;
  /** The partition. */
  partition: number;
  /**
   * The partition's verdict: Burrow's from the window, or STOP / STALL from the consumer's own state (see
   * `signal`).
   */
  status: PartitionLagStatus;
  /** Offset lag (log end minus committed); `null` when nothing is committed. */
  lag: number | null;
  /** Seconds behind; `null` when unknown. */
  timeLagSeconds: number | null;
  /** True when the time lag is only a lower bound (the commit predates the sampled history). */
  timeLagLowerBound: boolean;
  /** Log end minus the consumer's fetch position in its last batch; `null` for other apps' groups. */
  positionLag: string | null;
  /** A topic whose records wait on purpose (a retry topic): not held against the limits. */
  delayed: boolean;
  /** Set when the consumer's own state decided the status (faster than the commit window). */
  signal?: LivenessProblem['reason'];
}

/** One group in the lag check's details. */
export interface GroupLagDetail {
  /** The consumer group. */
  groupId: string;
  /**
   * The group's one verdict, the same in every view (/health, Burrow's /v3, the
   * kafka_consumergroup_lag_status metric, the dashboard): Burrow's, over partitions sharpened
   * by the consumer's own facts, raised to ERR when the consumer crashed, a rebalance is stuck or
   * a limit is exceeded, and to WARN while it rebalances or could not be sampled.
   */
  status: GroupLagStatus;
  /** Burrow's verdict from the commit window alone, before the consumer's own facts. */
  windowStatus: GroupLagStatus;
  /** Sum of the known partition lags. */
  totalLag: number;
  /** The partition with the highest known lag, or `null`. */
  maxLag: {
    /** Its topic. */
    topic: string;
    /** Its partition. */
    partition: number;
    /** Its lag. */
    lag: number;
  } | null;
  /** The highest known time lag, in seconds, or `null`. */
  maxTimeLagSeconds: number | null;
  /** Partitions with nothing committed (unknown lag), left out of the totals. */
  unknownLagPartitions: number;
  /** Why the group counts against health; empty when it is fine. */
  reasons: string[];
  /** Epoch ms since when this app's member has seen the group rebalancing, while it is. */
  rebalancingSince?: number;
  /** Every partition of the group. */
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

const atLeast = (status: GroupLagStatus, floor: GroupLagStatus): GroupLagStatus =>
  groupStatusSeverity(floor) > groupStatusSeverity(status) ? floor : status;

// The group-level facts of this app's own member, said in words, with the status they imply.
function groupFacts(own: readonly LivenessProblem[], g: GroupLag, limits: LagLimits) {
  const rebalancing = own.find((x) => x.reason === 'rebalancing');
  const crashed = own.find((x) => x.reason === 'crashed');
  const held = own.filter(
    (x): x is Extract<LivenessProblem, { reason: 'stopped-partition' }> =>
      x.reason === 'stopped-partition' && x.kind === 'offset-store',
  );
  const stuck =
    rebalancing !== undefined &&
    limits.stuckRebalanceMs !== undefined &&
    rebalancing.rebalancingForMs >= limits.stuckRebalanceMs;
  const floor: GroupLagStatus =
    crashed || stuck ? 'ERR' : rebalancing || g.error !== undefined ? 'WARN' : 'OK';
  return {
    floor,
    rebalancing,
    reasons: [
      ...(crashed ? [groupCrashed(crashed.error)] : []),
      // A rebalance is no lag yet, but it is why nothing moves: said, and at least WARN.
      ...(rebalancing ? [groupRebalancing(rebalancing.since, rebalancing.rebalancingForMs)] : []),
      // Said, not only STOP: nothing moves until the database answers, and no operator can help.
      ...(held.length > 0 ? [offsetStoreUnreadable(held)] : []),
    ],
  };
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
  const facts = groupFacts(own, g, limits);
  const floor = breaches.length > 0 ? 'ERR' : facts.floor;
  const status = floor === 'OK' ? report.status : atLeast(report.status, floor);
  const verdictReason =
    report.status === 'ERR' || report.status === 'WARN' ? [lagGroupStatus(report.status)] : [];
  const sampleReason = g.error !== undefined ? [lagSampleFailed(g.error)] : [];
  const health = status === 'ERR' ? 'down' : status === 'WARN' ? 'degraded' : 'up';
  const timeLags = partitions.flatMap((p) => (p.timeLagSeconds === null ? [] : [p.timeLagSeconds]));
  const maxLag = report.maxLag;
  return {
    health,
    detail: {
      groupId: g.groupId,
      status,
      windowStatus: g.status,
      totalLag: report.totalLag,
      maxLag:
        maxLag?.lag != null ? { topic: maxLag.topic, partition: maxLag.partition, lag: maxLag.lag } : null,
      maxTimeLagSeconds: timeLags.length > 0 ? Math.max(...timeLags) : null,
      unknownLagPartitions: report.unknownLagPartitions,
      reasons: [...facts.reasons, ...verdictReason, ...breaches, ...sampleReason],
      rebalancingSince: facts.rebalancing?.since,
      partitions,
    },
  };
}

/**
 * The one verdict per group (see GroupLagDetail.status): Burrow's, sharpened by the consumer's
 * own facts (stopped partitions STOP, stuck handlers STALL, a crash or a stuck rebalance ERR, a
 * rebalance WARN) and checked against the limits (ERR beyond them). Down on ERR, degraded on
 * WARN, up otherwise; the worst group decides. `problems` are every fact of the app's own groups,
 * a rebalance however short included (livenessProblems with a threshold of 0).
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
