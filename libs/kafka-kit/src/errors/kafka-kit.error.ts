/**
 * Base of every error the library raises. `retryable` drives the error strategies: a
 * non-retryable error skips retries and goes straight to the listener's terminal strategy.
 */
export abstract class KafkaKitError extends Error {
  /**
   * Whether a retrying strategy (blocking retry, retry topics) may try the record again; `false` sends it
   * straight to the terminal strategy.
   */
  abstract readonly retryable: boolean;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
