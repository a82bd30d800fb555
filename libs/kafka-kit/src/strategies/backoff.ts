import type { BackoffOptions } from '../interfaces/error-handling-options.interface.js';

export const DEFAULT_BACKOFF: Required<BackoffOptions> = {
  initialMs: 200,
  multiplier: 2,
  maxMs: 10_000,
  jitter: 0.2,
};

/** The delay before retry number `retry` (1-based). Jitter only shortens, so `maxMs` holds. */
export function backoffDelay(
  retry: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const { initialMs, multiplier, maxMs, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const base = Math.min(maxMs, initialMs * multiplier ** (retry - 1));
  return Math.round(base * (1 - jitter * random()));
}
