const INITIAL_MS = 500;
const MAX_MS = 10_000;

/**
 * The wait before a consumer whose subscribed topics are missing tries to join again: 0.5 s,
 * doubled per attempt up to 10 s. An immediate restart meets the same missing topic, many times a
 * second; 10 s bounds how long the consumer stays away once the topic is back. Joining starts it over.
 */
export class RestartBackoff {
  private attempts = 0;

  next(): number {
    return Math.min(MAX_MS, INITIAL_MS * 2 ** this.attempts++);
  }

  reset(): void {
    this.attempts = 0;
  }
}
