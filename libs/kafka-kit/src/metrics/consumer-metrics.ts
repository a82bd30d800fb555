import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ConsumerObservers } from '../consumer/state/consumer-observers.js';
import type { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import type { ConsumerState, PartitionActivity } from '../consumer/state/consumer-state.js';
import { failureReasonLabel } from './failure-reason-label.js';
import { HANDLER_DURATION_BUCKETS } from './kafka-metrics.constants.js';

const STATES: readonly ConsumerState[] = [
  'starting',
  'running',
  'rebalancing',
  'paused',
  'stopped',
  'crashed',
];

interface SlotMetrics {
  consumed: Counter.Internal;
  duration: Histogram.Internal<'consumergroup' | 'topic'>;
}

/**
 * Consumer metrics: records consumed, handler duration, failures by strategy and reason, DLQ
 * and retry-topic counts (counted on the hot path through a ConsumerObserver), and the state
 * and rebalances of each group (read from ConsumerStateService at scrape time).
 */
export function registerConsumerMetrics(
  registry: Registry,
  consumers: ConsumerStateService,
  observers: ConsumerObservers,
): void {
  const registers = [registry];
  const consumed = new Counter({
    name: 'kafka_kit_records_consumed_total',
    help: 'Records handled successfully',
    labelNames: ['consumergroup', 'topic'],
    registers,
  });
  const duration = new Histogram({
    name: 'kafka_kit_handler_duration_seconds',
    help: 'Time a handler took per call (one record, or one batch for batch listeners)',
    labelNames: ['consumergroup', 'topic'],
    buckets: HANDLER_DURATION_BUCKETS,
    registers,
  });
  const failures = new Counter({
    name: 'kafka_kit_handler_failures_total',
    help: 'Records whose handling failed, by error strategy, reason and what the strategy decided',
    labelNames: ['consumergroup', 'topic', 'strategy', 'reason', 'verdict'],
    registers,
  });
  const deadLettered = new Counter({
    name: 'kafka_kit_dead_lettered_total',
    help: 'Records written to a dead letter topic (by any strategy: dead-letter, after retries, ...)',
    labelNames: ['consumergroup', 'topic'],
    registers,
  });
  const retried = new Counter({
    name: 'kafka_kit_retry_topic_records_total',
    help: 'Records written to a retry topic, to be tried again when due',
    labelNames: ['consumergroup', 'topic'],
    registers,
  });
  new Gauge({
    name: 'kafka_kit_consumer_state',
    help: 'State of each consumer group: 1 for its current state, 0 for the others',
    labelNames: ['consumergroup', 'state'],
    registers,
    collect() {
      this.reset();
      for (const g of consumers.all()) {
        for (const state of STATES) this.set({ consumergroup: g.groupId, state }, g.state === state ? 1 : 0);
      }
    },
  });
  new Counter({
    name: 'kafka_kit_consumer_rebalances_total',
    help: 'Rebalances each consumer group went through since start',
    labelNames: ['consumergroup'],
    registers,
    collect() {
      this.reset();
      for (const g of consumers.all()) this.inc({ consumergroup: g.groupId }, g.rebalances);
    },
  });

  // Label lookups hash the label set; an activity slot lives as long as its partition, so its
  // children are resolved once and the hot path only increments.
  const children = new WeakMap<PartitionActivity, SlotMetrics>();
  const slotMetrics = (slot: PartitionActivity): SlotMetrics => {
    let m = children.get(slot);
    if (!m) {
      const labels = { consumergroup: slot.groupId, topic: slot.topic };
      m = { consumed: consumed.labels(labels), duration: duration.labels(labels) };
      children.set(slot, m);
    }
    return m;
  };
  observers.add({
    handled(slot, count, durationMs) {
      const m = slotMetrics(slot);
      m.consumed.inc(count);
      m.duration.observe(durationMs / 1000);
    },
    failed(slot, strategy, verdict, error) {
      const labels = { consumergroup: slot.groupId, topic: slot.topic };
      failures.inc({ ...labels, strategy, verdict, reason: failureReasonLabel(error) });
      if (verdict === 'dead-lettered') deadLettered.inc(labels);
      else if (verdict === 'retry-scheduled') retried.inc(labels);
    },
  });
}
