import type { ConsumerClientOptions } from '../client/consumer-client.js';
import type { ConsumerDefaults, KafkaConsumerOptions } from '../interfaces/consumer-options.interface.js';

/** Consumer options after merging: the class's own > module defaults > library defaults. */
export type ResolvedConsumerOptions = Required<Omit<KafkaConsumerOptions, 'errorHandling'>> &
  Pick<KafkaConsumerOptions, 'errorHandling'> &
  Pick<ConsumerClientOptions, 'appTimeouts'>;

const LIBRARY_DEFAULTS: Required<ConsumerDefaults> = {
  fromBeginning: false,
  concurrency: 1,
  sessionTimeoutMs: 30_000,
  heartbeatIntervalMs: 3_000,
  shutdownTimeoutMs: 10_000,
  maxBytesPerPartition: 1_048_576,
  fetchMaxWaitMs: 500,
  commitIntervalMs: 1000,
  commitEveryRecords: 0,
  handlerTimeoutMs: 0,
  restartOnCrash: true,
};

export function resolveConsumerOptions(
  own: KafkaConsumerOptions,
  moduleDefaults: ConsumerDefaults | undefined,
): ResolvedConsumerOptions {
  const defined = <T extends object>(o: T | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  const set = { ...defined(moduleDefaults), ...defined(own) };
  const appTimeouts = {
    sessionTimeoutMs: set.sessionTimeoutMs,
    heartbeatIntervalMs: set.heartbeatIntervalMs,
  };
  return { ...LIBRARY_DEFAULTS, ...set, appTimeouts } as ResolvedConsumerOptions;
}
