import { KafkaKitError } from './kafka-kit.error.js';

/** Module options that cannot work. Thrown at startup; the message names the option. */
export class InvalidKafkaOptionsError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly option: string,
    readonly reason: string,
  ) {
    super(`Invalid KafkaModule option "${option}": ${reason}`);
  }
}
