import type { HealthIndicatorResult } from '@nestjs/terminus';
import { indicatorFailed } from './health.messages.js';

/**
 * Runs an indicator body; an unexpected error becomes a `down` result instead of escaping, since
 * terminus 12 answers a thrown error with HTTP 500 and no details.
 */
export function neverThrow<Key extends string>(
  down: (data: { message: string }) => HealthIndicatorResult<Key>,
  run: () => HealthIndicatorResult<Key>,
): HealthIndicatorResult<Key> {
  try {
    return run();
  } catch (error) {
    return down({ message: indicatorFailed(error instanceof Error ? error.message : String(error)) });
  }
}
