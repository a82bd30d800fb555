import { Inject, Injectable, Logger, type Type } from '@nestjs/common';
import { DiscoveryService, ExternalContextCreator, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { KAFKA_ARGS_METADATA, KAFKA_CONTEXT_TYPE } from '../kafka.constants.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import type { KafkaConsumerOptions, KafkaListenerOptions } from '../interfaces/consumer-options.interface.js';
import { MODULE_OPTIONS_TOKEN } from '../module/kafka.module-definition.js';
import { StopOnErrorStrategy } from '../errors/stop-on-error.strategy.js';
import { createPayloadValidator } from '../validation/payload-validator.js';
import { createDecoder } from './create-decoder.js';
import { KafkaMetadataAccessor } from './kafka-metadata.accessor.js';
import { KafkaParamsFactory } from './kafka-params.factory.js';
import type { ListenerRoute } from './listener-route.js';
import {
  duplicateTopicInGroup,
  conflictingGroupOptions,
  requestScopedConsumer,
} from './consumer.messages.js';
import { resolveConsumerOptions, type ResolvedConsumerOptions } from './resolved-consumer-options.js';

export interface GroupPlan {
  options: ResolvedConsumerOptions;
  routes: ListenerRoute[];
}

/**
 * Finds every `@KafkaConsumer` provider and its `@KafkaListener` methods and turns them into
 * one plan per consumer group. Everything per listener (validator, invoker) is built here,
 * once, so nothing of it is repeated per record.
 */
@Injectable()
export class KafkaExplorer {
  private readonly logger = new Logger('KafkaExplorer');
  private readonly paramsFactory = new KafkaParamsFactory();
  private readonly stopOnError = new StopOnErrorStrategy();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly accessor: KafkaMetadataAccessor,
    private readonly contextCreator: ExternalContextCreator,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly moduleOptions: KafkaModuleOptions,
  ) {}

  explore(): GroupPlan[] {
    const groups = new Map<string, GroupPlan & { own: KafkaConsumerOptions; host: string }>();
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
            this.route(instance, className, methodName, options.groupId, listener.topics, listener.options),
          );
      }
    }
    for (const group of groups.values()) this.assertUniqueTopics(group.options.groupId, group.routes);
    return [...groups.values()].map(({ options, routes }) => ({ options, routes }));
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
    groupId: string,
    topics: (string | RegExp)[],
    options: KafkaListenerOptions,
  ): ListenerRoute {
    const prototype = Object.getPrototypeOf(instance);
    const schema = this.accessor.payloadSchema(prototype, methodName);
    const decode = createDecoder(
      options.format ?? 'json',
      schema ? createPayloadValidator(schema) : undefined,
    );
    const invoke = this.contextCreator.create(
      instance,
      prototype[methodName],
      methodName,
      KAFKA_ARGS_METADATA,
      this.paramsFactory,
      undefined,
      undefined,
      { guards: true, interceptors: true, filters: true },
      KAFKA_CONTEXT_TYPE,
    );
    return {
      groupId,
      topics,
      name: `${className}.${methodName}`,
      batch: options.batch ?? false,
      decode,
      invoke,
      errorStrategy: this.stopOnError,
      topicDeclarations: options.topic
        ? topics
            .filter((t): t is string => typeof t === 'string')
            .map((topic) => ({ ...options.topic, topic }))
        : [],
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
