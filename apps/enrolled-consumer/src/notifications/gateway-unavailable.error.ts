import { KafkaKitError } from 'nest-kafka-kit';

/** The notification gateway refused a send: transient, so the record goes through the retry topics. */
export class GatewayUnavailableError extends KafkaKitError {
  readonly retryable = true;

  constructor(readonly tutorId: string) {
    super(`notification gateway unavailable (sending to ${tutorId})`);
  }
}
