import { KafkaKitError } from './kafka-kit.error.js';
import type { ListenerRouting } from '../strategies/listener-routing.js';
import { routedByHandler } from './errors.messages.js';

/** Carries a handler's returned routing value to the error strategy, as any failure travels. */
export class RoutedByHandlerError extends KafkaKitError {
  readonly retryable: boolean;

  constructor(readonly routing: ListenerRouting) {
    super(routedByHandler(routing.kind, routing.reason));
    this.retryable = routing.kind === 'retry-later';
  }
}
