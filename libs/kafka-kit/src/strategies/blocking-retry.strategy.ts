import { backoffDelay } from './backoff.js';
import type { BackoffOptions } from '../interfaces/error-handling-options.interface.js';
import type { ErrorStrategy, FailureVerdict, ListenerFailure } from './error-strategy.js';
import { failureReason } from '../failure-records/failure-reason.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';

// Longer waits go through pause/resume: an inline wait holds the partition's batch, and a
// rebalance waits for it, however often it heartbeats.
const MAX_INLINE_WAIT_MS = 5000;
const HEARTBEAT_SLICE_MS = 1000;

export interface BlockingRetrySettings {
  /** Tries in all, the first one included. */
  attempts: number;
  backoff: BackoffOptions;
}

/**
 * Retries the record in place, in order, with exponential back-off and jitter; the partition
 * waits, the consumer's membership does not lapse. After the last attempt (or at once for a
 * non-retryable error) the terminal strategy decides.
 */
export class BlockingRetryStrategy implements ErrorStrategy {
  readonly name = 'blocking-retry';
  // Failed tries of the record a partition is waiting on (across pause/resume), one per partition.
  private readonly waiting = new Map<string, { offset: string; failed: number }>();

  constructor(
    private readonly settings: BlockingRetrySettings,
    private readonly isRetryable: (error: unknown) => boolean,
    private readonly terminal: ErrorStrategy,
  ) {}

  topicsFor(sourceTopic: string): string[] {
    return this.terminal.topicsFor?.(sourceTopic) ?? [];
  }

  async handle(failure: ListenerFailure): Promise<FailureVerdict> {
    const { control, record } = failure;
    const slot = `${failure.topic}:${failure.partition}`;
    const seen = this.waiting.get(slot);
    let failed = seen?.offset === record.offset ? seen.failed + 1 : 1;
    this.waiting.delete(slot);
    let error = failure.error;
    for (;;) {
      const retryable = this.isRetryable(error);
      if (!retryable || failed >= this.settings.attempts) {
        const reason = failureReason(error, retryable, retryable);
        return this.terminal.handle({ ...failure, error, outcome: { reason, attempts: failed } });
      }
      const delay =
        (error instanceof RoutedByHandlerError ? error.routing.delayMs : undefined) ??
        backoffDelay(failed, this.settings.backoff);
      if (delay > MAX_INLINE_WAIT_MS) {
        this.waiting.set(slot, { offset: record.offset, failed });
        control.pauseUntil(Date.now() + delay);
        return 'delayed';
      }
      const until = Date.now() + delay;
      while (Date.now() < until) {
        await new Promise((r) => setTimeout(r, Math.min(HEARTBEAT_SLICE_MS, until - Date.now())));
        await control.heartbeat().catch(() => undefined);
        if (!control.shouldContinue()) {
          this.waiting.set(slot, { offset: record.offset, failed });
          return 'interrupted';
        }
      }
      try {
        await control.retry();
        return 'recovered';
      } catch (next) {
        error = next;
        failed++;
      }
    }
  }
}
