import { KafkaKitError } from './kafka-kit.error.js';

/**
 * A consumer's or listener's options cannot work (two listeners for one topic in a group,
 * ordered retry on a batch listener, ...). Thrown at startup; the message names the listener.
 */
export class InvalidListenerError extends KafkaKitError {
  /** Always `false`: a code or configuration fix, not a transient fault. */
  readonly retryable = false;
}
