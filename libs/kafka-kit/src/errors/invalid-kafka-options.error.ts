import { KafkaKitError } from './kafka-kit.error.js';

/** Module options that cannot work. Thrown at startup; the message names the option. */
export class InvalidKafkaOptionsError extends KafkaKitError {
  /** Always `false`: a configuration fix, not a transient fault. */
  readonly retryable = false;

  constructor(
    /** The option's path, e.g. `producer.acks` or `topics[2].partitions`. */
    readonly option: string,
    /** Why the value cannot work. */
    readonly reason: string,
  ) {
    super(`Invalid KafkaModule option "${option}": ${reason}`);
  }
}
