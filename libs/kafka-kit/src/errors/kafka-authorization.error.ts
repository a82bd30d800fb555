import { KafkaKitError } from './kafka-kit.error.js';
import type { DeniedAccess } from './denied-access.js';
import { notAuthorized } from './errors.messages.js';

/**
 * The broker refused the consumer for lack of an ACL. Not retryable: it fails the same way until
 * someone grants the right, so the consumer stays down (no crash loop) and health says why.
 */
export class KafkaAuthorizationError extends KafkaKitError {
  /** Always `false`: it fails the same way until the ACL is granted. */
  readonly retryable = false;

  constructor(
    /** What was refused: principal, operation, group or topics, and Kafka's error code. */
    readonly denied: DeniedAccess,
    options?: ErrorOptions,
  ) {
    super(notAuthorized(denied), options);
  }
}
