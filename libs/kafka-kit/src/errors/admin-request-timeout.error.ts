import { KafkaKitError } from './kafka-kit.error.js';
import { adminRequestTimedOut } from './errors.messages.js';

/** An admin request did not answer in time (broker down, unreachable, or overloaded). */
export class AdminRequestTimeoutError extends KafkaKitError {
  readonly retryable = true;

  constructor(
    readonly request: string,
    readonly timeoutMs: number,
  ) {
    super(adminRequestTimedOut(request, timeoutMs));
  }
}
