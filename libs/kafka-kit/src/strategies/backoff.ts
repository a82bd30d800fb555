/** Exponential back-off: initialMs, initialMs * multiplier, ... capped at maxMs. */
export interface BackoffOptions {
  /** Delay before the first retry. @default 200 */
  initialMs?: number;
  /** @default 2 */
  multiplier?: number;
  /** Upper bound of one delay. @default 10000 */
  maxMs?: number;
  /**
   * Fraction of each delay drawn at random (0.2: between 80% and 100% of it), so that many
   * consumers failing at once do not retry in lockstep. @default 0.2
   */
  jitter?: number;
}

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
