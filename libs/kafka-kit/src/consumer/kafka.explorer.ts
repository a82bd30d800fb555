import { Inject, Injectable, Logger, type Type } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { isDeepStrictEqual } from 'node:util';
import { InvalidListenerError } from '../errors/invalid-listener.error.js';
import type { KafkaConsumerOptions } from '../interfaces/consumer-options.interface.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { MODULE_OPTIONS_TOKEN } from '../options/kafka.module-definition.js';
import {
  conflictingGroupOptions,
  duplicateTopicInGroup,
  requestScopedConsumer,
} from './consumer.messages.js';
import type { GroupPlan } from './group-plan.js';
import { KafkaMetadataAccessor } from './kafka-metadata.accessor.js';
import type { ListenerRoute } from './listener-route.js';
import { ListenerRouteFactory } from './listener-route.factory.js';
import { resolveConsumerOptions } from './resolved-consumer-options.js';
import { withOffsetTransactions } from './offset-transactions.js';
import { withRetryPlans } from './retry-plans.js';

type Group = { options: KafkaConsumerOptions; host: string; routes: ListenerRoute[] };

/**
 * Finds every `@KafkaConsumer` provider and its `@KafkaListener` methods and turns them into
 * one plan per consumer group (retry consumers included).
 */
@Injectable()
export class KafkaExplorer {
  private readonly logger = new Logger('KafkaExplorer');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: KafkaMetadataAccessor,
    private readonly routes: ListenerRouteFactory,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly moduleOptions: KafkaModuleOptions,
  ) {}

  explore(): GroupPlan[] {
    const groups = new Map<string, Group>();
    for (const wrapper of this.discovery.getProviders()) {
      const host = this.consumerHost(wrapper);
      if (!host) continue;
      const { instance, options } = host;
      const className = instance.constructor.name;
      const group = groups.get(options.groupId) ?? { options, host: className, routes: [] };
      groups.set(options.groupId, group);
      // Structural: functions and classes (classifiers, DLQ naming) by identity, key order ignored.
      if (!isDeepStrictEqual(group.options, options))
        throw new InvalidListenerError(conflictingGroupOptions(options.groupId, group.host, className));
      const prototype = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const listener = this.accessor.listener(prototype[methodName]);
        if (!listener) continue;
        const { topics, options: listenerOptions } = listener;
        group.routes.push(
          this.routes.create({
            instance,
            className,
            methodName,
            consumer: options,
            topics,
            options: listenerOptions,
          }),
        );
      }
    }
    return [...groups.values()].flatMap(({ options, routes }) => {
      assertUniqueTopics(options.groupId, routes);
      const plans = withRetryPlans({
        options: resolveConsumerOptions(options, this.moduleOptions.consumerDefaults),
        routes,
        failureTopics: routes.flatMap((r) =>
          r.topics
            .filter((t): t is string => typeof t === 'string')
            .map((source) => ({ source, topics: r.errorStrategy.topicsFor?.(source) ?? [] })),
        ),
      });
      // Wrapped last, so each retry consumer saves its offsets under its own group id.
      return plans.map((plan) => ({ ...plan, routes: plan.routes.map(withOffsetTransactions) }));
    });
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
}

function assertUniqueTopics(groupId: string, routes: ListenerRoute[]): void {
  const owner = new Map<string, string>();
  for (const route of routes) {
    for (const topic of route.topics) {
      const key = String(topic);
      const other = owner.get(key);
      if (other) throw new InvalidListenerError(duplicateTopicInGroup(groupId, key, other, route.name));
      owner.set(key, route.name);
    }
  }
}
