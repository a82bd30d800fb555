import { KafkaKitError } from './kafka-kit.error.js';

/** A declared topic that cannot be provisioned as declared; stops startup. */
export class TopicProvisioningError extends KafkaKitError {
  /** Always `false`: the declaration or the cluster must change. */
  readonly retryable = false;

  constructor(
    /** The topic that cannot be provisioned as declared. */
    readonly topic: string,
    message: string,
  ) {
    super(message);
  }
}
