import { KafkaKitError } from './kafka-kit.error.js';
import { routedByHandler } from './errors.messages.js';

/** What a handler returned to route its record (a `ListenerRouting`, from `deadLetter()` or `retryLater()`). */
export interface HandlerRouting {
  /** `dead-letter` from `deadLetter()`, `retry-later` from `retryLater()`. */
  readonly kind: 'dead-letter' | 'retry-later';
  /** Why, in the handler's words; the DLQ record's error message includes it. */
  readonly reason: string;
  /** `retryLater(delayMs)`: this attempt's delay instead of the retry topic's. */
  readonly delayMs?: number;
}

/** Carries a handler's returned routing value to the error strategy, as any failure travels. */
export class RoutedByHandlerError extends KafkaKitError {
  /** `true` for `retryLater()`, `false` for `deadLetter()` (which skips any retries). */
  readonly retryable: boolean;

  /** @param routing The value the handler returned. */
  constructor(readonly routing: HandlerRouting) {
    super(routedByHandler(routing.kind, routing.reason));
    this.retryable = routing.kind === 'retry-later';
  }
}
