import { KafkaKitError } from './kafka-kit.error.js';
import type { DeniedAccess } from './denied-access.js';
import { notAuthorized } from './errors.messages.js';

/**
 * The broker refused the consumer for lack of an ACL. Not retryable: it fails the same way until
 * someone grants the right, so the consumer stays down (no crash loop) and health says why.
 */
export class KafkaAuthorizationError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly denied: DeniedAccess,
    options?: ErrorOptions,
  ) {
    super(notAuthorized(denied), options);
  }
}
