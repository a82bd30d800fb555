import type { DeadLetterStrategy } from './dead-letter.strategy.js';
import type { ErrorStrategy, FailureVerdict, ListenerFailure } from './error-strategy.js';
import { failureOrigin } from './failure-headers.js';
import { failureReason } from './failure-reason.js';
import type { FailureWriter } from './failure-writer.js';
import { retryRecord } from './retry-record.js';
import { RoutedByHandlerError } from './routed-by-handler.error.js';
import { retryTopicName } from './topic-names.js';

export interface RetryTopicsSettings {
  /** Delay of each retry topic; its length is the number of retries. */
  delaysMs: number[];
  retryTopicSuffix: string;
  /** The retry consumer's group id is the main group's plus this. */
  retryGroupSuffix: string;
}

/**
 * Non-blocking retry: a failed record goes to `<topic>.retry.<n>` with its due time and the
 * partition goes on at once. The retry consumer hands it to the same listener when due; after
 * the last retry topic, the DLQ. Order across records is not kept (see ordered retry).
 */
export class RetryTopicsStrategy implements ErrorStrategy {
  readonly name = 'retry-topics';

  constructor(
    private readonly writer: FailureWriter,
    private readonly settings: RetryTopicsSettings,
    private readonly isRetryable: (error: unknown) => boolean,
    private readonly deadLetter: DeadLetterStrategy,
  ) {}

  get retryGroupSuffix(): string {
    return this.settings.retryGroupSuffix;
  }

  /** The retry topics of `sourceTopic`, in attempt order. */
  retryTopics(sourceTopic: string): string[] {
    return this.settings.delaysMs.map((_, i) =>
      retryTopicName(sourceTopic, i + 1, this.settings.retryTopicSuffix),
    );
  }

  topicsFor(sourceTopic: string): string[] {
    return [...this.retryTopics(sourceTopic), ...this.deadLetter.topicsFor(sourceTopic)];
  }

  async handle(failure: ListenerFailure): Promise<FailureVerdict> {
    const { error } = failure;
    const now = Date.now();
    const origin = failureOrigin(failure.topic, failure.partition, failure.record, now);
    const retryable = this.isRetryable(error);
    const attempt = origin.previousAttempts + 1;
    if (!retryable || attempt > this.settings.delaysMs.length)
      return this.deadLetter.deadLetter(failure, failureReason(error, retryable, retryable));
    const delay =
      (error instanceof RoutedByHandlerError ? error.routing.delayMs : undefined) ??
      this.settings.delaysMs[attempt - 1]!;
    const record = retryRecord({
      retryTopic: retryTopicName(origin.topic, attempt, this.settings.retryTopicSuffix),
      record: failure.record,
      origin,
      attempt,
      dueAt: now + delay,
      error,
      parked: false,
    });
    return (await this.writer.write([record], failure)) ? 'recorded' : 'interrupted';
  }
}
