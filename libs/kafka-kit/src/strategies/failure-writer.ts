import { Logger } from '@nestjs/common';
import type { OutgoingRecord } from '../client/producer-client.js';
import { backoffDelay } from './backoff.js';
import type { BackoffOptions } from '../interfaces/error-handling-options.interface.js';
import type { ListenerFailure } from './error-strategy.js';
import { failureWriteFailed } from './strategies.messages.js';
import type { FailureProducer } from '../failure-records/failure-producer.js';
import { describeCoordinates } from '../errors/record-coordinates.js';
import { errorSummary } from '../errors/error-summary.js';
import { traceIds } from '../tracing/trace-log.js';

// Waits between write attempts are cut into slices this long, with a heartbeat after each.
const HEARTBEAT_SLICE_MS = 1000;

/**
 * Writes a failed record to a DLQ or retry topic, confirmed (acks=all) before the caller may
 * commit the source offset. A failing write is retried with back-off for as long as the
 * consumer runs; meanwhile the partition shows as stopped (kind `failure-write`) in the consumer state and health.
 */
export class FailureWriter {
  private readonly logger = new Logger('KafkaConsumer');

  constructor(
    private readonly producer: FailureProducer,
    private readonly backoff: BackoffOptions = { initialMs: 500, maxMs: 30_000 },
  ) {}

  /** True once written; false when the consumer stopped first (nothing may be committed). */
  async write(
    records: OutgoingRecord[],
    failure: Pick<ListenerFailure, 'groupId' | 'topic' | 'partition' | 'record' | 'control'>,
  ): Promise<boolean> {
    const { topic, partition, record, control } = failure;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.producer.send(records);
        if (attempt > 1) control.writeRecovered();
        return true;
      } catch (error) {
        const reason = errorSummary(error);
        const where = describeCoordinates({ topic, partition, offset: record.offset });
        const message = failureWriteFailed(records[0]!.topic, where, attempt, reason);
        this.logger.error(message + traceIds());
        control.writeFailing(message);
      }
      const until = Date.now() + backoffDelay(attempt, this.backoff);
      while (Date.now() < until) {
        if (!control.shouldContinue()) return false;
        await new Promise((r) => setTimeout(r, Math.min(HEARTBEAT_SLICE_MS, until - Date.now())));
        await control.heartbeat().catch(() => undefined);
      }
      if (!control.shouldContinue()) return false;
    }
  }
}
