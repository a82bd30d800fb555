import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { ConsumerObservers } from '../consumer/state/consumer-observers.js';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import { LagSampler } from '../lag/lag-sampler.service.js';
import { KafkaProducer } from '../producer/kafka-producer.js';
import { KafkaHealthEvaluator } from '../verdict/kafka-health-evaluator.js';
import { registerConsumerMetrics } from './consumer-metrics.js';
import { KAFKA_METRICS_REGISTRY } from './kafka-metrics.constants.js';
import { registerLagMetrics } from './lag-metrics.js';
import { registerProducerMetrics } from './producer-metrics.js';

/**
 * Registers the library's Prometheus metrics on the injected registry and renders them. Gauges
 * are filled at scrape time from in-process state; only counters and the handler histogram
 * are updated as records flow.
 */
@Injectable()
export class KafkaMetrics implements OnModuleInit {
  /** @internal Nest injects the service; it is not constructed by hand. */
  constructor(
    /** The prom-client registry the metrics are on: the module's `registry` option, else its own. */
    @Inject(KAFKA_METRICS_REGISTRY) readonly registry: Registry,
    private readonly consumers: ConsumerStateService,
    private readonly observers: ConsumerObservers,
    private readonly sampler: LagSampler,
    private readonly producer: KafkaProducer,
    private readonly evaluator: KafkaHealthEvaluator,
  ) {}

  /** @internal Nest lifecycle: registers the metrics. */
  onModuleInit(): void {
    registerLagMetrics(
      this.registry,
      this.sampler,
      () => new Map(this.evaluator.evaluate().lag.groups.map((g) => [g.groupId, g.status])),
    );
    registerConsumerMetrics(this.registry, this.consumers, this.observers);
    registerProducerMetrics(this.registry, this.producer);
  }

  /** The Prometheus text exposition of the registry, and its content type. */
  async render(): Promise<{
    /** The registry's content type (Prometheus text format 0.0.4). */
    contentType: string;
    /** The metrics, as Prometheus text. */
    body: string;
  }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
