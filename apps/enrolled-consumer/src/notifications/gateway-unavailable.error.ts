import { KafkaKitError } from 'nest-kafka-kit';

/** The notification gateway did not take a notification: transient, so retried (retry topics). */
export class GatewayUnavailableError extends KafkaKitError {
  readonly retryable = true;

  constructor(readonly tutorId: string) {
    super(`notification gateway unavailable: could not notify ${tutorId}`);
  }
}
