import { ConfigurableModuleBuilder } from '@nestjs/common';
import { KafkaMetricsController } from '../metrics/kafka-metrics.controller.js';
import type { KafkaHealthModuleOptions } from './kafka-health.options.js';

/**
 * `forRoot(options)` / `forRootAsync({ useFactory, inject })`. The `metricsEndpoint` extra
 * mounts GET /metrics beside the health routes (default true); pass false to serve the
 * registry yourself.
 */
export const {
  ConfigurableModuleClass: KafkaHealthConfigurableModule,
  MODULE_OPTIONS_TOKEN: KAFKA_HEALTH_OPTIONS,
} = new ConfigurableModuleBuilder<KafkaHealthModuleOptions>({ moduleName: 'KafkaHealth' })
  .setClassMethodName('forRoot')
  .setExtras({ metricsEndpoint: true }, (definition, extras) => ({
    ...definition,
    controllers: extras.metricsEndpoint ? [KafkaMetricsController] : [],
  }))
  .build();
