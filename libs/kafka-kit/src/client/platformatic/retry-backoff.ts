import { Logger } from '@nestjs/common';
import type { RetryDelayGetter } from '@platformatic/kafka';
import { retrying } from './platformatic.messages.js';

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
 *
 * The client asks for the delay only for an error it is about to retry (a leader election, a
 * coordinator loading), so that is where the retry is logged: at debug, as the kafkajs driver
 * logs its retriable answers, so a healthy start prints no ERROR line yet says what it rode out.
 */
export function exponentialBackoff(
  retry: RetrySettings = {},
  logger: Pick<Logger, 'debug'> = new Logger('Kafka'),
): RetryDelayGetter {
  const initial = retry.initialRetryTimeMs ?? 300;
  const max = retry.maxRetryTimeMs ?? 30_000;
  return (_client, operation, attempt, retries, error) => {
    const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    logger.debug(retrying(operation, attempt, retries, delay, error));
    return delay;
  };
}
