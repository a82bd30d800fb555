/** Injection token of the {@link LagSamplerOptions}. */
export const LAG_SAMPLER_OPTIONS = Symbol('nest-kafka-kit:lag-sampler-options');

/**
 * How the lag sampler works. Per interval it sends, over the one shared admin connection:
 * one DescribeGroups request per group coordinator; per group one OffsetFetch and two
 * FindCoordinator (kafkajs looks the coordinator up on each call); and for each distinct topic
 * two ListOffsets rounds (latest and earliest; one request per partition leader each). Topics
 * shared by several groups are read once. Cost grows with groups + topics, not with
 * groups x partitions, and at most `concurrency` calls are in flight at once.
 */
export interface LagSamplerOptions {
  /**
   * Milliseconds between samples. Also the resolution of the time lag.
   * @default 5000
   */
  readonly intervalMs?: number;
  /**
   * Sample the app's own consumer groups.
   * @default true
   */
  readonly ownGroups?: boolean;
  /**
   * Further groups to watch, consumed by other apps (a standalone lag-watcher, like Burrow).
   * @default []
   */
  readonly groups?: readonly string[];
  /**
   * Commits and end offsets kept per partition for Burrow's rules (Burrow's `intervals`).
   * @default 10
   */
  readonly intervals?: number;
  /**
   * Lag that still counts as caught up (Burrow's `allowed-lag`).
   * @default 0
   */
  readonly allowedLag?: number;
  /**
   * How full a partition's commit window must be (0..1) before Burrow's rules judge it; below
   * that it is OK with `complete` saying why (Burrow's `minimum-complete`). A single commit
   * cannot show a trend: judged alone it is a STALL for any lag. The app's own stopped or stuck
   * partitions are reported at once regardless, from the consumer's state.
   * @default 0.2
   */
  readonly minimumComplete?: number;
  /**
   * Topics whose records wait on purpose, such as retry topics whose records are held until
   * due: their lag is reported but neither judged by Burrow's rules nor held against the lag
   * limits, since a held record looks exactly like a stopped consumer.
   * @default topics named like the default retry topics, `<topic>.retry.<n>`
   */
  readonly isDelayedTopic?: (topic: string) => boolean;
  /**
   * Timeout of each admin request, in milliseconds.
   * @default 5000
   */
  readonly requestTimeoutMs?: number;
  /**
   * Admin requests in flight at once during a sample.
   * @default 4
   */
  readonly concurrency?: number;
}

// The retry topics of the library's retry-topics strategy with its default suffix.
const isDefaultRetryTopic = (topic: string): boolean => /\.retry\.\d+$/.test(topic);

/** The options with every default applied. */
export type ResolvedLagSamplerOptions = Required<LagSamplerOptions>;

export function resolveLagSamplerOptions(options: LagSamplerOptions = {}): ResolvedLagSamplerOptions {
  return {
    intervalMs: options.intervalMs ?? 5000,
    ownGroups: options.ownGroups ?? true,
    groups: options.groups ?? [],
    intervals: options.intervals ?? 10,
    allowedLag: options.allowedLag ?? 0,
    minimumComplete: options.minimumComplete ?? 0.2,
    isDelayedTopic: options.isDelayedTopic ?? isDefaultRetryTopic,
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
    concurrency: options.concurrency ?? 4,
  };
}
