import { DEFAULT_STUCK_REBALANCE_MS } from '../verdict/consumer-liveness.js';
import type { Registry } from 'prom-client';
import type { LagSamplerOptions } from '../lag/lag-sampler.options.js';

/** Options of {@link KafkaHealthModule}. */
export interface KafkaHealthModuleOptions {
  /**
   * Timeout of the broker check's describeCluster call, in milliseconds.
   * @default 3000
   */
  brokerTimeoutMs?: number;
  /**
   * Fewer live brokers than this makes the broker check down.
   * @default 1
   */
  minBrokers?: number;
  /**
   * A handler running longer than this on one record (or batch) counts as stuck: liveness goes
   * down, and the lag check reports the partition as STALL. Raise it for handlers that are slow
   * on purpose.
   * @default 5000
   */
  stuckHandlerMs?: number;
  /**
   * A group rebalancing this long counts as stuck: liveness goes down, naming since when.
   * Readiness is down during any rebalance, and the lag check says the group is rebalancing at
   * once. A rebalance normally ends within the session timeout of a member that died.
   * @default 60000
   */
  stuckRebalanceMs?: number;
  /**
   * The lag check is down when a partition's offset lag exceeds this. Unset: no limit.
   * @default undefined
   */
  maxLag?: number;
  /**
   * The lag check is down when a partition is more seconds behind than this. Unset: no limit.
   * @default undefined
   */
  maxTimeLagSeconds?: number;
  /**
   * Lag sampling: interval, watched groups, Burrow window.
   * @default {}
   */
  lag?: LagSamplerOptions;
  /**
   * The cluster name in Burrow-shaped lag responses.
   * @default 'local'
   */
  burrowClusterName?: string;
  /**
   * The prom-client registry metrics are registered on. Unset: a registry of its own, so two
   * apps in one process never collide; pass prom-client's global `register` to share it.
   * @default a new Registry
   */
  registry?: Registry;
}

/** The options with every default applied. */
export type ResolvedKafkaHealthOptions = Required<
  Omit<KafkaHealthModuleOptions, 'maxLag' | 'maxTimeLagSeconds' | 'registry'>
> &
  Pick<KafkaHealthModuleOptions, 'maxLag' | 'maxTimeLagSeconds'>;

export function resolveKafkaHealthOptions(options: KafkaHealthModuleOptions): ResolvedKafkaHealthOptions {
  return {
    brokerTimeoutMs: options.brokerTimeoutMs ?? 3000,
    minBrokers: options.minBrokers ?? 1,
    stuckHandlerMs: options.stuckHandlerMs ?? 5000,
    stuckRebalanceMs: options.stuckRebalanceMs ?? DEFAULT_STUCK_REBALANCE_MS,
    maxLag: options.maxLag,
    maxTimeLagSeconds: options.maxTimeLagSeconds,
    lag: options.lag ?? {},
    burrowClusterName: options.burrowClusterName ?? 'local',
  };
}
