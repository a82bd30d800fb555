import { Logger } from '@nestjs/common';
import { describeCoordinates } from '../errors/record-coordinates.js';
import type { ErrorStrategy, FailureVerdict, ListenerFailure } from './error-strategy.js';
import { recordSkipped } from './strategies.messages.js';
import { errorSummary } from '../errors/error-summary.js';
import { traceIds } from '../tracing/trace-log.js';

/**
 * Logs the failure and lets the offset be committed: the record is lost on purpose. Only for
 * listeners that say so explicitly; metrics count every skip (strategy 'skip').
 */
export class SkipStrategy implements ErrorStrategy {
  readonly name = 'skip';
  private readonly logger = new Logger('KafkaConsumer');

  async handle({
    groupId,
    topic,
    partition,
    record,
    error,
    listener,
  }: ListenerFailure): Promise<FailureVerdict> {
    const where = describeCoordinates({ topic, partition, offset: record.offset });
    const reason = errorSummary(error);
    this.logger.warn(recordSkipped(listener, groupId, where, reason) + traceIds());
    return 'skipped';
  }
}
