import { KafkaKitError } from './kafka-kit.error.js';

/** A declared topic that cannot be provisioned as declared; stops startup. */
export class TopicProvisioningError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly topic: string,
    message: string,
  ) {
    super(message);
  }
}
