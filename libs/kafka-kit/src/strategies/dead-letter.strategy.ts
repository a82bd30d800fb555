import { Logger } from '@nestjs/common';
import { deadLetterRecord } from '../failure-records/dead-letter-record.js';
import type {
  DeadLetterHeaderStyle,
  DlqTopicNaming,
} from '../interfaces/error-handling-options.interface.js';
import type { ErrorStrategy, FailureVerdict, ListenerFailure } from './error-strategy.js';
import { deadLettered } from './strategies.messages.js';
import { failureOrigin } from '../failure-records/failure-headers.js';
import { failureReason } from '../failure-records/failure-reason.js';
import type { FailureWriter } from './failure-writer.js';
import { describeCoordinates } from '../errors/record-coordinates.js';
import { dlqTopicName } from '../failure-records/topic-names.js';
import { traceIds } from '../tracing/trace-log.js';

export interface DeadLetterSettings {
  dlqTopic: DlqTopicNaming | undefined;
  headerStyle: DeadLetterHeaderStyle;
}

/**
 * Writes the failed record to the DLQ (acks=all, confirmed) and only then lets its offset be
 * committed; the partition goes on. Also the terminal step of the retrying strategies.
 */
export class DeadLetterStrategy implements ErrorStrategy {
  readonly name = 'dead-letter';
  readonly pipelined = true;
  private readonly logger = new Logger('KafkaConsumer');

  constructor(
    private readonly writer: FailureWriter,
    private readonly settings: DeadLetterSettings,
    private readonly isRetryable: (error: unknown) => boolean,
  ) {}

  topicsFor(sourceTopic: string): string[] {
    return typeof this.settings.dlqTopic === 'string' ? [] : [this.dlqTopic(sourceTopic)];
  }

  /** A retrying strategy's `outcome` (e.g. retries-exhausted after 3 tries) wins over its own. */
  async handle(failure: ListenerFailure): Promise<FailureVerdict> {
    const now = Date.now();
    const origin = failureOrigin(failure.topic, failure.partition, failure.record, now);
    const reason =
      failure.outcome?.reason ?? failureReason(failure.error, this.isRetryable(failure.error), false);
    const dlqTopic = this.dlqTopic(origin.topic);
    const record = deadLetterRecord({
      dlqTopic,
      groupId: failure.groupId,
      record: failure.record,
      origin,
      error: failure.error,
      attempts: failure.outcome?.attempts ?? origin.previousAttempts + 1,
      reason,
      failedAt: now,
      headerStyle: this.settings.headerStyle,
      mirrorPartitions: typeof this.settings.dlqTopic !== 'string',
      failedSpanId: failure.failedSpanId,
    });
    if (!(await this.writer.write([record], failure))) return 'interrupted';
    const where = describeCoordinates({
      topic: failure.topic,
      partition: failure.partition,
      offset: failure.record.offset,
    });
    this.logger.warn(deadLettered(where, dlqTopic, reason) + traceIds());
    return 'dead-lettered';
  }

  private dlqTopic(sourceTopic: string): string {
    return dlqTopicName(sourceTopic, this.settings.dlqTopic);
  }
}
