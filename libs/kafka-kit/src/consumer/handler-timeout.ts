import { Logger } from '@nestjs/common';
import { HandlerTimeoutError } from '../errors/handler-timeout.error.js';
import { describeCoordinates } from '../errors/record-coordinates.js';
import { lateHandlerSettled } from './consumer.messages.js';
import type { HandlerInvoker } from './handler-invoker.factory.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import type { KafkaContext } from './kafka-context.js';

const logger = new Logger('KafkaListener');

/**
 * The handler, bounded: a call that has not settled after `timeoutMs` rejects with a
 * HandlerTimeoutError naming listener, topic, partition and offset, so the loop hands the
 * record to its error strategy and goes on. The call itself cannot be cancelled: it is
 * abandoned, its context's `signal` aborted, and whenever it settles a warning says how late
 * (its result or error is ignored). Needs the context (the route then always builds one).
 */
export function withHandlerTimeout(
  invoke: HandlerInvoker,
  listener: string,
  timeoutMs: number,
): HandlerInvoker {
  return (payload, ctx) => {
    const call = Promise.resolve().then(() => invoke(payload, ctx));
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const context = ctx as KafkaContext | KafkaBatchContext;
        const first = context instanceof KafkaBatchContext ? context.records[0]! : context;
        const error = new HandlerTimeoutError(
          listener,
          { topic: first.topic, partition: first.partition, offset: first.offset },
          timeoutMs,
        );
        const startedAt = Date.now() - timeoutMs;
        context.abort(error);
        const where = describeCoordinates(error);
        const late = () =>
          logger.warn(lateHandlerSettled(listener, where, timeoutMs, Date.now() - startedAt));
        call.then(late, late);
        reject(error);
      }, timeoutMs);
    });
    return Promise.race([call, expired]).finally(() => clearTimeout(timer));
  };
}
