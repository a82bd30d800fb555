import { Inject, Injectable } from '@nestjs/common';
import { KafkaConnection } from '../client/kafka-connection.js';
import { InvalidListenerError } from '../errors/invalid-listener.error.js';
import { FailureProducer } from '../failure-records/failure-producer.js';
import type { KafkaConsumerOptions, KafkaListenerOptions } from '../interfaces/consumer-options.interface.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { MODULE_OPTIONS_TOKEN } from '../options/kafka.module-definition.js';
import { createErrorStrategy, DEFAULT_ERROR_HANDLING } from '../strategies/create-error-strategy.js';
import { ListenerRouting } from '../strategies/listener-routing.js';
import { KafkaTracing } from '../tracing/kafka-tracing.js';
import { createPayloadValidator } from '../validation/payload-validator.js';
import type { OffsetStore } from '../interfaces/offset-store.interface.js';
import {
  invalidHandlerTimeout,
  invalidKeyConcurrency,
  invalidOffsetStore,
  keyConcurrencyNeedsRecordListener,
  offsetStoreWithHandlerTimeout,
  offsetStoreWithKeyConcurrency,
} from './consumer.messages.js';
import { createDecoder } from './create-decoder.js';
import { HandlerInvokerFactory, type ListenerHandler } from './handler-invoker.factory.js';
import { withHandlerTimeout } from './handler-timeout.js';
import { KafkaMetadataAccessor } from './kafka-metadata.accessor.js';
import type { ListenerRoute } from './listener-route.js';

const DEFAULT_KEY_CONCURRENCY = 64;

const isListenerRouting = (result: unknown) => result instanceof ListenerRouting;

/** Records in flight per partition, when the listener runs keys in parallel. */
function keyConcurrency(listener: string, options: KafkaListenerOptions): number | undefined {
  const { concurrency } = options;
  if (concurrency === undefined) return undefined;
  const max = concurrency.max ?? DEFAULT_KEY_CONCURRENCY;
  if (concurrency.by !== 'key' || !Number.isInteger(max) || max < 1)
    throw new InvalidListenerError(invalidKeyConcurrency(listener, JSON.stringify(concurrency)));
  if (options.batch) throw new InvalidListenerError(keyConcurrencyNeedsRecordListener(listener));
  return max;
}

/** The listener's offset store, refused at startup where it cannot keep its promise. */
function offsetStore(
  listener: string,
  options: KafkaListenerOptions,
  timeoutMs: number,
): OffsetStore | undefined {
  const store = options.offsetStore;
  if (store === undefined) return undefined;
  const fns = [store.load, store.transaction, store.save];
  if (fns.some((f) => typeof f !== 'function')) throw new InvalidListenerError(invalidOffsetStore(listener));
  if (options.concurrency !== undefined)
    throw new InvalidListenerError(offsetStoreWithKeyConcurrency(listener));
  if (timeoutMs > 0) throw new InvalidListenerError(offsetStoreWithHandlerTimeout(listener, timeoutMs));
  return store;
}

/** The handler's timeout: listener > consumer > module, 0 for none. */
function handlerTimeout(listener: string, timeouts: (number | undefined)[]): number {
  const ms = timeouts.find((t) => t !== undefined) ?? 0;
  if (!Number.isInteger(ms) || ms < 0) throw new InvalidListenerError(invalidHandlerTimeout(listener, ms));
  return ms;
}

/** The handler, bounded by its timeout, which needs the context. */
function timed(handler: ListenerHandler, listener: string, ms: number): ListenerHandler {
  return ms === 0 ? handler : { invoke: withHandlerTimeout(handler.invoke, listener, ms), usesContext: true };
}

/** One `@KafkaListener` method as the explorer found it. */
export interface DiscoveredListener {
  instance: Record<string, unknown>;
  className: string;
  methodName: string;
  consumer: KafkaConsumerOptions;
  topics: (string | RegExp)[];
  options: KafkaListenerOptions;
}

/**
 * Turns a listener method into its route: decoder and validator, invoker, error strategy,
 * all built here once, so nothing of it is repeated per record.
 */
@Injectable()
export class ListenerRouteFactory {
  constructor(
    private readonly accessor: KafkaMetadataAccessor,
    private readonly invokers: HandlerInvokerFactory,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly moduleOptions: KafkaModuleOptions,
    private readonly failureProducer: FailureProducer,
    private readonly connection: KafkaConnection,
    private readonly tracing: KafkaTracing,
  ) {}

  create({ instance, className, methodName, consumer, topics, options }: DiscoveredListener): ListenerRoute {
    const name = `${className}.${methodName}`;
    const batch = options.batch ?? false;
    const schema = this.accessor.payloadSchema(Object.getPrototypeOf(instance), methodName);
    // listener > consumer > module > the library's default.
    const errorHandling =
      options.errorHandling ??
      consumer.errorHandling ??
      this.moduleOptions.errorHandling ??
      DEFAULT_ERROR_HANDLING;
    const errorStrategy = createErrorStrategy(
      errorHandling,
      { groupId: consumer.groupId, listener: name, topics, batch },
      { producer: this.failureProducer, connection: this.connection },
    );
    const timeoutMs = handlerTimeout(name, [
      options.handlerTimeoutMs,
      consumer.handlerTimeoutMs,
      this.moduleOptions.consumerDefaults?.handlerTimeoutMs,
    ]);
    const handler = timed(this.invokers.create(instance, methodName), name, timeoutMs);
    const store = offsetStore(name, options, timeoutMs);
    // Traced, the handler runs inside its record's span, which reads the record from the context.
    // With an offset store the span goes around the store's transaction: withOffsetTransactions.
    const spans = this.tracing.listener({ groupId: consumer.groupId, batch, isRouting: isListenerRouting });
    const { invoke, usesContext } =
      spans && !store ? { invoke: spans.wrap(handler.invoke), usesContext: true } : handler;
    const route: ListenerRoute = {
      groupId: consumer.groupId,
      topics,
      name,
      batch,
      decode: createDecoder(options.format ?? 'json', schema ? createPayloadValidator(schema) : undefined),
      invoke,
      usesContext,
      errorStrategy,
      keyConcurrency: keyConcurrency(name, options),
      spans,
      offsetStore: store,
      topicDeclarations: options.topic
        ? topics
            .filter((t): t is string => typeof t === 'string')
            .map((topic) => ({ ...options.topic, topic }))
        : [],
    };
    // Ordered retry: the main route parks records of keys in retry, in a co-partitioned group.
    const gate = errorStrategy.retryPath?.mainGate;
    if (!gate) return route;
    return {
      ...route,
      admit: (gated) => gate.admit(gated),
      assignmentChanged: () => gate.assignmentChanged(),
      copartitioned: true,
    };
  }
}
