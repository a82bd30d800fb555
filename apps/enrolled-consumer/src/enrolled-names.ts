import { kafkaName } from '@nest-kafka-kit/app-support';

// Topics and consumer groups of this app (KAFKA_NAME_PREFIX applies to each).
export const ENROLLED_TOPIC = kafkaName('rt.enrolled');
export const CDC_TOPIC = kafkaName('cdc.enrollments');
export const NOTIFIER_GROUP = kafkaName('enrolled-notifier');
export const READ_MODEL_GROUP = kafkaName('enrollments-read-model');

/** NOTIFY_RETRY_DELAYS_MS: the retry topics' delays, comma-separated. Default 1000,10000,60000. */
export function notifyRetryDelays(env: { NOTIFY_RETRY_DELAYS_MS?: string } = process.env): number[] {
  const delays = (env.NOTIFY_RETRY_DELAYS_MS ?? '1000,10000,60000').split(',').map(Number);
  if (delays.length === 0 || delays.some((d) => !Number.isInteger(d) || d < 0))
    throw new RangeError(
      `NOTIFY_RETRY_DELAYS_MS: comma-separated milliseconds, got "${env.NOTIFY_RETRY_DELAYS_MS}"`,
    );
  return delays;
}
