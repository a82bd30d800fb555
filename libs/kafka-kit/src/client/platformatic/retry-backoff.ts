import type { RetryDelayGetter } from '@platformatic/kafka';

/** The module's `retry` option: how often and how long a failed request is tried again. */
export interface RetrySettings {
  retries?: number;
  initialRetryTimeMs?: number;
  maxRetryTimeMs?: number;
}

/**
 * @platformatic/kafka waits a fixed `retryDelay` between tries unless given a function. A fixed
 * 300 ms spends 20 retries in 6 s, less than a cluster takes to move the leaders of a broker killed
 * -9 (the controller waits out the broker's session first), so a send failed where kafkajs, which
 * doubles its wait up to `maxRetryTimeMs`, rides the move out. This is kafkajs' back-off: the
 * initial wait doubled per attempt, capped, with +-20% jitter so clients do not retry in step.
 */
export function exponentialBackoff(retry: RetrySettings = {}): RetryDelayGetter {
  const initial = retry.initialRetryTimeMs ?? 300;
  const max = retry.maxRetryTimeMs ?? 30_000;
  return (_client, _operation, attempt) => {
    const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  };
}
