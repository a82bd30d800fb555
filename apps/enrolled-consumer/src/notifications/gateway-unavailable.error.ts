import { KafkaKitError } from 'nest-kafka-kit';

/** The notification gateway did not take a notification: transient, so retried (retry topics). */
export class GatewayUnavailableError extends KafkaKitError {
  readonly retryable = true;

  constructor(
    readonly tutorId: string,
    /** Position, in the notifications sent together, of the one the gateway refused. */
    readonly index = 0,
  ) {
    super(`notification gateway unavailable: could not notify ${tutorId}`);
  }
}
