import { Logger } from '@nestjs/common';
import type { StopScope } from '../interfaces/error-handling-options.interface.js';
import { describeCoordinates } from '../errors/record-coordinates.js';
import type { ErrorStrategy, FailureVerdict, ListenerFailure } from './error-strategy.js';
import { partitionStoppedOnError } from './strategies.messages.js';
import { errorSummary } from '../errors/error-summary.js';
import { traceIds } from '../tracing/trace-log.js';

/**
 * The safe default: the failing partition stops at the failed record, which is not committed,
 * so after a restart (or an operator's retry) it is the first record processed again.
 */
export class StopOnErrorStrategy implements ErrorStrategy {
  readonly name = 'stop';
  private readonly logger = new Logger('KafkaConsumer');

  constructor(private readonly scope: StopScope = 'partition') {}

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
    this.logger.error(partitionStoppedOnError(listener, groupId, where, this.scope, reason) + traceIds());
    return this.scope === 'consumer' ? 'stop-consumer' : 'stop';
  }
}
