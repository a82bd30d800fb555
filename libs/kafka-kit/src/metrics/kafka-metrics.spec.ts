import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import { ConsumerObservers } from '../consumer/state/consumer-observers.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';
import type { LagSnapshot, PartitionLag } from '../lag/lag-sample.js';
import { registerConsumerMetrics } from './consumer-metrics.js';
import { registerLagMetrics } from './lag-metrics.js';
import { registerProducerMetrics } from './producer-metrics.js';

const partition = (n: number, committed: string | null, lag: number | null): PartitionLag => ({
  topic: 'clicks',
  partition: n,
  committedOffset: committed,
  logEndOffset: '100',
  oldestOffset: '3',
  lag,
  timeLagSeconds: lag === null ? null : 2.5,
  timeLagLowerBound: false,
  positionLag: null,
  owner: null,
  status: 'OK',
  window: [],
  complete: 1,
  delayed: false,
});

const snapshot: LagSnapshot = {
  sampledAt: 1,
  cost: null,
  topics: [{ topic: 'clicks', partition: 0, logEndOffset: '100', oldestOffset: '3' }],
  groups: [
    {
      groupId: 'g',
      sampledAt: 1,
      own: true,
      groupState: 'Stable',
      members: 2,
      status: 'WARN',
      totalLag: 10,
      maxLag: null,
      maxTimeLagSeconds: 2.5,
      unknownLagPartitions: 1,
      complete: 1,
      partitions: [partition(0, '90', 10), partition(1, null, null)],
    },
  ],
};

describe('Kafka metrics', () => {
  it("exposes lag with kafka_exporter's names and labels; unknown lag is -1 and left out of the sum", async () => {
    const registry = new Registry();
    // The status is the health evaluation's (here ERR), not the commit window's WARN.
    registerLagMetrics(registry, { snapshot: () => snapshot }, () => new Map([['g', 'ERR' as const]]));
    const text = await registry.metrics();
    expect(text).toContain('kafka_consumergroup_lag{consumergroup="g",topic="clicks",partition="0"} 10');
    expect(text).toContain('kafka_consumergroup_lag{consumergroup="g",topic="clicks",partition="1"} -1');
    expect(text).toContain('kafka_consumergroup_lag_sum{consumergroup="g",topic="clicks"} 10');
    expect(text).toContain(
      'kafka_consumergroup_current_offset{consumergroup="g",topic="clicks",partition="0"} 90',
    );
    expect(text).toContain(
      'kafka_consumergroup_current_offset{consumergroup="g",topic="clicks",partition="1"} -1',
    );
    expect(text).toContain(
      'kafka_consumergroup_lag_seconds{consumergroup="g",topic="clicks",partition="0"} 2.5',
    );
    expect(text).not.toContain(
      'kafka_consumergroup_lag_seconds{consumergroup="g",topic="clicks",partition="1"}',
    );
    expect(text).toContain('kafka_consumergroup_members{consumergroup="g"} 2');
    expect(text).toContain('kafka_consumergroup_lag_status{consumergroup="g"} 3');
    expect(text).toContain('kafka_topic_partition_current_offset{topic="clicks",partition="0"} 100');
    expect(text).toContain('kafka_topic_partition_oldest_offset{topic="clicks",partition="0"} 3');
  });

  it('counts records, handler time, failures by strategy and reason, DLQ and retry-topic records, state', async () => {
    const registry = new Registry();
    const consumers = new ConsumerStateService();
    const observers = new ConsumerObservers();
    registerConsumerMetrics(registry, consumers, observers);
    registerProducerMetrics(registry, { stats: () => ({ recordsSent: 7, produceRequests: 2 }) });
    const group = consumers.register('g');
    group.joined({ clicks: [0] });
    group.rebalancing();
    group.joined({ clicks: [0] });
    const slot = group.activitySlot('clicks', 0);
    observers.handled(slot, 3, 40);
    observers.failed(
      slot,
      'dead-letter',
      'dead-lettered',
      new PayloadValidationError({ topic: 'clicks', partition: 0, offset: '1' }, []),
    );
    observers.failed(slot, 'retry-topics', 'retry-scheduled', new Error('flaky'));
    observers.failed(slot, 'blocking-retry', 'dead-lettered', new Error('gave up'));
    observers.failed(slot, 'stop', 'stop', new Error('bad'));

    const text = await registry.metrics();
    const g = 'consumergroup="g",topic="clicks"';
    expect(text).toContain(`kafka_kit_records_consumed_total{${g}} 3`);
    expect(text).toContain(`kafka_kit_handler_duration_seconds_count{${g}} 1`);
    expect(text).toContain(`kafka_kit_handler_duration_seconds_bucket{le="0.05",${g}} 1`);
    expect(text).toContain(
      `kafka_kit_handler_failures_total{${g},strategy="dead-letter",verdict="dead-lettered",reason="validation"} 1`,
    );
    expect(text).toContain(
      `kafka_kit_handler_failures_total{${g},strategy="stop",verdict="stop",reason="error"} 1`,
    );
    expect(text).toContain(`kafka_kit_dead_lettered_total{${g}} 2`);
    expect(text).toContain(`kafka_kit_retry_topic_records_total{${g}} 1`);
    expect(text).toContain('kafka_kit_consumer_state{consumergroup="g",state="running"} 1');
    expect(text).toContain('kafka_kit_consumer_state{consumergroup="g",state="crashed"} 0');
    expect(text).toContain('kafka_kit_consumer_rebalances_total{consumergroup="g"} 1');
    expect(text).toContain('kafka_kit_records_produced_total 7');
    expect(text).toContain('kafka_kit_produce_requests_total 2');
  });
});
