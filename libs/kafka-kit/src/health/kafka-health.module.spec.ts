import { describe, expect, it } from 'vitest';
import { KafkaMetricsController } from '../metrics/kafka-metrics.controller.js';
import { KafkaHealthModule } from './kafka-health.module.js';

describe('KafkaHealthModule', () => {
  it('mounts GET /metrics unless metricsEndpoint is false, sync or async', () => {
    expect(KafkaHealthModule.forRoot({}).controllers).toEqual([KafkaMetricsController]);
    expect(KafkaHealthModule.forRoot({ metricsEndpoint: false }).controllers).toEqual([]);
    const async = KafkaHealthModule.forRootAsync({
      useFactory: () => ({ maxLag: 10 }),
      metricsEndpoint: false,
    });
    expect(async.controllers).toEqual([]);
  });
});
