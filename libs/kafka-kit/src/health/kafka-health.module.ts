import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { LAG_SAMPLER_OPTIONS } from '../lag/lag-sampler.options.js';
import { LagSampler } from '../lag/lag-sampler.service.js';
import { KAFKA_METRICS_REGISTRY } from '../metrics/kafka-metrics.constants.js';
import { KafkaMetrics } from '../metrics/kafka-metrics.service.js';
import { HEALTH_EVALUATION_OPTIONS, KafkaHealthEvaluator } from '../verdict/kafka-health-evaluator.js';
import { HealthProbeLog } from './health-probe-log.js';
import { KafkaBrokerHealthIndicator } from './kafka-broker.health-indicator.js';
import { KafkaBurrowController } from './kafka-burrow.controller.js';
import { KafkaConsumerLivenessIndicator } from './kafka-consumer-liveness.health-indicator.js';
import { KafkaConsumerReadinessIndicator } from './kafka-consumer-readiness.health-indicator.js';
import { KafkaHealthController } from './kafka-health.controller.js';
import { KAFKA_HEALTH_OPTIONS, KafkaHealthConfigurableModule } from './kafka-health.module-definition.js';
import { resolveKafkaHealthOptions, type KafkaHealthModuleOptions } from './kafka-health.options.js';
import { KafkaLagHealthIndicator } from './kafka-lag.health-indicator.js';

const indicators = [
  KafkaBrokerHealthIndicator,
  KafkaConsumerReadinessIndicator,
  KafkaConsumerLivenessIndicator,
  KafkaLagHealthIndicator,
];

/**
 * Health, lag and metrics for an app that imports KafkaModule: GET /health/live, /health/ready,
 * /health, Burrow's /v3/kafka/{cluster}/consumer/{group}/status and /lag, and GET /metrics
 * (unless `metricsEndpoint: false`), all judged by one KafkaHealthEvaluator. The indicators,
 * the evaluator, LagSampler and KafkaMetrics are exported for apps that build their own
 * health controller.
 */
@Module({
  // terminus logs every failing probe as an ERROR with the whole result; HealthProbeLog logs
  // each probe's changes instead.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [KafkaHealthController, KafkaBurrowController],
  providers: [
    ...indicators,
    LagSampler,
    KafkaHealthEvaluator,
    HealthProbeLog,
    KafkaMetrics,
    {
      provide: HEALTH_EVALUATION_OPTIONS,
      inject: [KAFKA_HEALTH_OPTIONS],
      useFactory: (options: KafkaHealthModuleOptions) => resolveKafkaHealthOptions(options),
    },
    {
      provide: LAG_SAMPLER_OPTIONS,
      inject: [KAFKA_HEALTH_OPTIONS],
      useFactory: (options: KafkaHealthModuleOptions) => options.lag ?? {},
    },
    {
      provide: KAFKA_METRICS_REGISTRY,
      inject: [KAFKA_HEALTH_OPTIONS],
      useFactory: (options: KafkaHealthModuleOptions) => options.registry ?? new Registry(),
    },
  ],
  exports: [
    ...indicators,
    LagSampler,
    KafkaHealthEvaluator,
    HealthProbeLog,
    KafkaMetrics,
    KAFKA_METRICS_REGISTRY,
  ],
})
export class KafkaHealthModule extends KafkaHealthConfigurableModule {}
