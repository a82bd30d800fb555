import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';
import type { GroupLag, LagSnapshot, PartitionLag } from '../lag/lag-sample.js';
import { livenessProblems, type LivenessProblem } from './consumer-liveness.js';
import { groupReadiness, type GroupReadiness } from './consumer-readiness.js';
import { lagVerdict, type GroupLagDetail, type LagVerdict } from './lag-verdict.js';

/** The thresholds and limits of the evaluation (KafkaHealthModule's options). */
export interface HealthEvaluationOptions {
  stuckHandlerMs: number;
  stuckRebalanceMs: number;
  maxLag?: number;
  maxTimeLagSeconds?: number;
}

/** Everything the health views show, judged once from one moment's facts. */
export interface HealthEvaluation {
  /** Epoch ms of the evaluation. */
  at: number;
  /** Epoch ms of the lag sample it used; 0 before the first. */
  sampledAt: number;
  /** The app's own groups, as ConsumerStateService saw them at `at`. */
  consumers: readonly ConsumerGroupStatus[];
  /** What keeps the app's own groups from making progress (liveness). */
  liveness: LivenessProblem[];
  /**
   * Per own group: ready or not, and why (starting, rebalancing, no heartbeat within the session timeout).
   */
  readiness: GroupReadiness[];
  /** Every sampled group's one verdict. */
  lag: LagVerdict;
}

/**
 * The one evaluation every view reads: the lag sample's commit windows and the consumers' own
 * facts (stopped partitions, stuck handlers, crashes, rebalances, a member the broker dropped),
 * judged together, so /health, Burrow's /v3, the metrics and the dashboard cannot disagree.
 */
export function evaluateHealth(
  snapshot: LagSnapshot,
  consumers: readonly ConsumerGroupStatus[],
  now: number,
  options: HealthEvaluationOptions,
): HealthEvaluation {
  const { stuckHandlerMs, stuckRebalanceMs } = options;
  // Every rebalance counts for the verdict (WARN at once); liveness only one that is stuck. A
  // partition held by an unreadable offset store is the verdict's (STOP) and readiness's, not
  // liveness's: restarting the process does not bring the database back.
  const facts = consumers.flatMap((g) => livenessProblems(g, now, stuckHandlerMs, 0));
  const liveness = facts.filter(
    (p) =>
      (p.reason !== 'rebalancing' || p.rebalancingForMs >= stuckRebalanceMs) &&
      (p.reason !== 'stopped-partition' || p.kind !== 'offset-store'),
  );
  return {
    at: now,
    sampledAt: snapshot.sampledAt,
    consumers,
    liveness,
    readiness: consumers.map((g) => groupReadiness(g, now)),
    lag: lagVerdict(snapshot.groups, facts, options),
  };
}

/** A sampled group with the evaluation's statuses in place of the commit window's. */
export function judgedGroupLag(group: GroupLag, detail: GroupLagDetail | undefined): GroupLag {
  if (detail === undefined) return group;
  const judged = (p: PartitionLag): PartitionLag => {
    const d = detail.partitions.find((x) => x.topic === p.topic && x.partition === p.partition);
    return d === undefined || d.status === p.status ? p : { ...p, status: d.status };
  };
  return {
    ...group,
    status: detail.status,
    partitions: group.partitions.map(judged),
    maxLag: group.maxLag && judged(group.maxLag),
  };
}
