import { Inject, Injectable, Logger, type Type } from '@nestjs/common';
import { KafkaConnection } from '../client/kafka-connection.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import type { KafkaConsumerOptions, KafkaListenerOptions } from '../interfaces/consumer-options.interface.js';
import { MODULE_OPTIONS_TOKEN } from '../options/kafka.module-definition.js';
import { createErrorStrategy, DEFAULT_ERROR_HANDLING } from '../strategies/create-error-strategy.js';
import type { ErrorStrategy } from '../strategies/error-strategy.js';
import { OrderedRetryState } from '../retry-topics/ordered-retry-state.js';
import { FailureProducer } from '../failure-records/failure-producer.js';
import { RetryTopicsStrategy } from '../strategies/retry-topics.strategy.js';
import type { ErrorHandlingOptions } from '../interfaces/error-handling-options.interface.js';
import { ConsumerStateService } from './consumer-state.service.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import type { KafkaContext } from './kafka-context.js';
import { createPayloadValidator } from '../validation/payload-validator.js';
import { createDecoder } from './create-decoder.js';
import { KafkaMetadataAccessor } from './kafka-metadata.accessor.js';
import { HandlerInvokerFactory } from './handler-invoker.factory.js';
import type { ListenerRoute } from './listener-route.js';
import {
  duplicateTopicInGroup,
  conflictingGroupOptions,
  failureTopicsNeedLiteralTopics,
  orderedRetryNeedsRecordListener,
  requestScopedConsumer,
} from './consumer.messages.js';
import { resolveConsumerOptions, type ResolvedConsumerOptions } from './resolved-consumer-options.js';

// A resumed partition is fetched only when the running long poll returns: groups that consume
// retry topics poll briefly, so retries do not run up to a whole fetch wait late.
const RETRY_FETCH_MAX_WAIT_MS = 100;

export interface GroupPlan {
  options: ResolvedConsumerOptions;
  routes: ListenerRoute[];
  /** Topics the routes' error strategies write (retry, DLQ), created with the source's partitions. */
  failureTopics: { source: string; topics: string[] }[];
}

/**
 * Finds every `@KafkaConsumer` provider and its `@KafkaListener` methods and turns them into
 * one plan per consumer group. Everything per listener (validator, invoker) is built here,
 * once, so nothing of it is repeated per record.
 */
@Injectable()
export class KafkaExplorer {
  private readonly logger = new Logger('KafkaExplorer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: KafkaMetadataAccessor,
    private readonly invokers: HandlerInvokerFactory,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly moduleOptions: KafkaModuleOptions,
    private readonly failureProducer: FailureProducer,
    private readonly state: ConsumerStateService,
    private readonly connection: KafkaConnection,
  ) {}

  explore(): GroupPlan[] {
    const groups = new Map<
      string,
      Omit<GroupPlan, 'failureTopics'> & { own: KafkaConsumerOptions; host: string }
    >();
    for (const wrapper of this.discovery.getProviders()) {
      const host = this.consumerHost(wrapper);
      if (!host) continue;
      const { instance, options } = host;
      const className = instance.constructor.name;
      let group = groups.get(options.groupId);
      if (!group) {
        group = {
          options: resolveConsumerOptions(options, this.moduleOptions.consumerDefaults),
          routes: [],
          own: options,
          host: className,
        };
        groups.set(options.groupId, group);
      } else if (JSON.stringify(group.own) !== JSON.stringify(options)) {
        throw new Error(conflictingGroupOptions(options.groupId, group.host, className));
      }
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const listener = this.accessor.listener(prototype[methodName]);
        if (listener)
          group.routes.push(
            this.route(instance, className, methodName, options, listener.topics, listener.options),
          );
      }
    }
    for (const group of groups.values()) this.assertUniqueTopics(group.options.groupId, group.routes);
    const plans = [...groups.values()].map(({ options, routes }) => ({
      options,
      routes,
      failureTopics: routes.flatMap((r) =>
        r.topics
          .filter((t): t is string => typeof t === 'string')
          .map((source) => ({ source, topics: r.errorStrategy.topicsFor?.(source) ?? [] })),
      ),
    }));
    return [...plans, ...plans.flatMap((plan) => this.retryPlans(plan))];
  }

  /**
   * The retry consumers of a group: the same listeners on the retry topics, each record held
   * until its due time. Unordered: in a group of their own, derived from the main one, so the
   * main topic never waits for them. Ordered: in the main group, co-partitioned, because the
   * member that owns a partition must also own that partition's retry records.
   */
  private retryPlans(plan: GroupPlan): GroupPlan[] {
    const byGroup = new Map<string, ListenerRoute[]>();
    // A copy: ordered retry routes join plan.routes, and must not be visited themselves.
    for (const route of [...plan.routes]) {
      const strategy = route.errorStrategy;
      if (!(strategy instanceof RetryTopicsStrategy)) continue;
      const groupId = strategy.isOrdered
        ? plan.options.groupId
        : plan.options.groupId + strategy.retryGroupSuffix;
      const main = route.invoke;
      const retryRoute: ListenerRoute = {
        ...route,
        groupId,
        topics: route.topics.flatMap((t) => strategy.retryTopics(t as string)),
        // Retried records come one at a time, so a batch listener gets batches of one.
        batch: false,
        invoke: route.batch
          ? (payload, ctx) => {
              const one = ctx as KafkaContext;
              return main([payload], new KafkaBatchContext(one.topic, one.partition, [one]));
            }
          : main,
        topicDeclarations: [],
        // A retry record written before the group's first commit must not be skipped.
        fromBeginning: true,
        admit: (gated) => strategy.admitRetry(gated),
        handled: strategy.isOrdered ? (gated) => strategy.retried(gated) : undefined,
        assignmentChanged: undefined,
      };
      if (strategy.isOrdered) {
        plan.routes.push(retryRoute);
        plan.options.fetchMaxWaitMs = Math.min(plan.options.fetchMaxWaitMs, RETRY_FETCH_MAX_WAIT_MS);
      } else byGroup.set(groupId, [...(byGroup.get(groupId) ?? []), retryRoute]);
    }
    return [...byGroup].map(([groupId, routes]) => ({
      options: {
        ...plan.options,
        groupId,
        fetchMaxWaitMs: Math.min(plan.options.fetchMaxWaitMs, RETRY_FETCH_MAX_WAIT_MS),
      },
      routes,
      failureTopics: [],
    }));
  }

  /** Providers of any shape (class, factory, value) whose instance's class is a consumer. */
  private consumerHost(
    wrapper: InstanceWrapper,
  ): { instance: Record<string, unknown>; options: KafkaConsumerOptions } | undefined {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    const type = (wrapper.metatype && !wrapper.inject ? wrapper.metatype : instance?.constructor) as
      Type | undefined;
    if (!type) return undefined;
    const options = this.accessor.consumerOptions(type);
    if (!options) return undefined;
    if (!wrapper.isDependencyTreeStatic()) {
      this.logger.warn(requestScopedConsumer(String(wrapper.name)));
      return undefined;
    }
    return instance ? { instance, options } : undefined;
  }

  private route(
    instance: Record<string, unknown>,
    className: string,
    methodName: string,
    consumer: KafkaConsumerOptions,
    topics: (string | RegExp)[],
    options: KafkaListenerOptions,
  ): ListenerRoute {
    const name = `${className}.${methodName}`;
    const prototype = Object.getPrototypeOf(instance);
    const schema = this.accessor.payloadSchema(prototype, methodName);
    const decode = createDecoder(
      options.format ?? 'json',
      schema ? createPayloadValidator(schema) : undefined,
    );
    const invoke = this.invokers.create(instance, methodName);
    const errorHandling =
      options.errorHandling ??
      consumer.errorHandling ??
      this.moduleOptions.errorHandling ??
      DEFAULT_ERROR_HANDLING;
    const route: ListenerRoute = {
      groupId: consumer.groupId,
      topics,
      name,
      batch: options.batch ?? false,
      decode,
      invoke,
      errorStrategy: this.errorStrategy(name, topics, errorHandling),
      topicDeclarations: options.topic
        ? topics
            .filter((t): t is string => typeof t === 'string')
            .map((topic) => ({ ...options.topic, topic }))
        : [],
    };
    return this.keepOrder(route, errorHandling);
  }

  /** listener > consumer > module; strategies naming topics after the source need literal topics. */
  private errorStrategy(
    name: string,
    topics: (string | RegExp)[],
    options: ErrorHandlingOptions,
  ): ErrorStrategy {
    const namesTopics =
      options.strategy === 'retry-topics' ||
      (options.strategy === 'dead-letter' && typeof options.dlqTopic !== 'string') ||
      (options.strategy === 'blocking-retry' &&
        options.then?.strategy === 'dead-letter' &&
        typeof options.then.dlqTopic !== 'string');
    if (namesTopics && topics.some((t) => t instanceof RegExp))
      throw new Error(failureTopicsNeedLiteralTopics(name, options.strategy));
    return createErrorStrategy(options, { producer: this.failureProducer, state: this.state });
  }

  /** Ordered retry: the main route parks records of keys in retry, in a co-partitioned group. */
  private keepOrder(route: ListenerRoute, options: ErrorHandlingOptions): ListenerRoute {
    const strategy = route.errorStrategy;
    if (
      options.strategy !== 'retry-topics' ||
      !options.orderedByKey ||
      !(strategy instanceof RetryTopicsStrategy)
    )
      return route;
    if (route.batch) throw new Error(orderedRetryNeedsRecordListener(route.name));
    strategy.keepOrder(
      new OrderedRetryState(this.connection, route.groupId, (topic) => strategy.retryTopics(topic)),
    );
    return {
      ...route,
      admit: (gated) => strategy.admitMain(gated),
      assignmentChanged: () => strategy.assignmentChanged(),
      copartitioned: true,
    };
  }

  private assertUniqueTopics(groupId: string, routes: ListenerRoute[]): void {
    const owner = new Map<string, string>();
    for (const route of routes) {
      for (const topic of route.topics) {
        const key = String(topic);
        const other = owner.get(key);
        if (other) throw new Error(duplicateTopicInGroup(groupId, key, other, route.name));
        owner.set(key, route.name);
      }
    }
  }
}
