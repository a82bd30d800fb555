import { Counter, type Registry } from 'prom-client';
import type { KafkaProducer } from '../producer/kafka-producer.js';

/** Records and produce requests the app's KafkaProducer sent, read from its stats at scrape time. */
export function registerProducerMetrics(registry: Registry, producer: Pick<KafkaProducer, 'stats'>): void {
  new Counter({
    name: 'kafka_kit_records_produced_total',
    help: 'Records the producer sent and the broker acknowledged',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(producer.stats().recordsSent);
    },
  });
  new Counter({
    name: 'kafka_kit_produce_requests_total',
    help: 'Produce requests the producer sent (records are batched per request)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(producer.stats().produceRequests);
    },
  });
}
