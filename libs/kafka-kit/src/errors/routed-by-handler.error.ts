import { KafkaKitError } from './kafka-kit.error.js';
import { routedByHandler } from './errors.messages.js';

/** What a handler returned to route its record (a `ListenerRouting`, from `deadLetter()` or `retryLater()`). */
export interface HandlerRouting {
  readonly kind: 'dead-letter' | 'retry-later';
  readonly reason: string;
  readonly delayMs?: number;
}

/** Carries a handler's returned routing value to the error strategy, as any failure travels. */
export class RoutedByHandlerError extends KafkaKitError {
  readonly retryable: boolean;

  constructor(readonly routing: HandlerRouting) {
    super(routedByHandler(routing.kind, routing.reason));
    this.retryable = routing.kind === 'retry-later';
  }
}
