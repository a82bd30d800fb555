import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { KafkaConnection } from '../client/kafka-connection.js';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import { KafkaConsumersHost } from '../consumer/kafka-consumers.host.js';
import { HandlerInvokerFactory } from '../consumer/handler-invoker.factory.js';
import { KafkaExplorer } from '../consumer/kafka.explorer.js';
import { ListenerRouteFactory } from '../consumer/listener-route.factory.js';
import { ConsumerObservers } from '../consumer/state/consumer-observers.js';
import { KafkaMetadataAccessor } from '../consumer/kafka-metadata.accessor.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { KafkaProducer } from '../producer/kafka-producer.js';
import { FailureProducer } from '../failure-records/failure-producer.js';
import { StoppedPartitionsService } from '../operator/stopped-partitions.service.js';
import { DlqService } from '../dlq/dlq.service.js';
import { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN } from '../options/kafka.module-definition.js';
import { validateKafkaOptions } from '../options/kafka-options.validator.js';
import { KafkaTracing } from '../tracing/kafka-tracing.js';

/**
 * `KafkaModule.forRoot({ brokers })` or `KafkaModule.forRootAsync({ useFactory, inject })`.
 * Provides KafkaProducer and ConsumerStateService and runs every `@KafkaConsumer` provider.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      // Async: the OpenTelemetry API is imported here, once, before anything that traces exists.
      provide: KafkaTracing,
      inject: [MODULE_OPTIONS_TOKEN],
      useFactory: (options: KafkaModuleOptions) => KafkaTracing.create(options.tracing),
    },
    {
      provide: KafkaConnection,
      inject: [MODULE_OPTIONS_TOKEN, KafkaTracing],
      useFactory: (options: KafkaModuleOptions, tracing: KafkaTracing) => {
        validateKafkaOptions(options);
        return tracing.claim(new KafkaConnection(options));
      },
    },
    KafkaProducer,
    ConsumerStateService,
    KafkaMetadataAccessor,
    HandlerInvokerFactory,
    KafkaExplorer,
    ListenerRouteFactory,
    ConsumerObservers,
    KafkaConsumersHost,
    FailureProducer,
    StoppedPartitionsService,
    DlqService,
  ],
  exports: [
    KafkaProducer,
    ConsumerStateService,
    ConsumerObservers,
    KafkaConnection,
    MODULE_OPTIONS_TOKEN,
    StoppedPartitionsService,
    DlqService,
  ],
})
export class KafkaModule extends ConfigurableModuleClass {}
