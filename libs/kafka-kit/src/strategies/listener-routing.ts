import type { HandlerRouting } from '../errors/routed-by-handler.error.js';

/**
 * A value a handler may return instead of throwing, to route its record explicitly. Control
 * flow in a type: no error class has to be invented for "this record belongs in the DLQ".
 */
export class ListenerRouting implements HandlerRouting {
  private constructor(
    /** `dead-letter` from `deadLetter()`, `retry-later` from `retryLater()`. */
    readonly kind: 'dead-letter' | 'retry-later',
    /** Why, in the handler's words. */
    readonly reason: string,
    /** `retryLater(delayMs)`: this attempt's delay; `undefined`: the strategy's own. */
    readonly delayMs?: number,
  ) {}

  /** @internal Use `deadLetter()`. */
  static deadLetter(reason: string): ListenerRouting {
    return new ListenerRouting('dead-letter', reason);
  }

  /** @internal Use `retryLater()`. */
  static retryLater(delayMs: number | undefined, reason: string): ListenerRouting {
    return new ListenerRouting('retry-later', reason, delayMs);
  }
}

/** Return from a handler: the record goes straight to the dead letter topic with `reason`. */
export function deadLetter(reason: string): ListenerRouting {
  return ListenerRouting.deadLetter(reason);
}

/**
 * Return from a handler: the record is retried like a retryable failure; `delayMs` overrides
 * the strategy's next delay (retry topics) or back-off (blocking retry).
 */
export function retryLater(delayMs?: number, reason = 'handler asked to retry later'): ListenerRouting {
  return ListenerRouting.retryLater(delayMs, reason);
}
