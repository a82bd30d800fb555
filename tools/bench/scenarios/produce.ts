// Producing 256 B and 1 KiB records with acks=1 and acks=all: the library's per-record send() on
// each driver against raw kafkajs batches, @nestjs/microservices' ClientKafka and Kafka's Java
// producer, all on one broker.
import { MESSAGES } from '../config.js';
import { javaProducerPerformance } from '../contenders/java-perf-tools.js';
import { onPlatformatic, PLATFORMATIC } from '../contenders/platformatic-driver.js';
import {
  clientKafkaEmit,
  kafkaProducerPerRecord,
  PRODUCE_PARTITIONS,
  rawKafkajsBatches,
  type ProduceWorkload,
} from '../contenders/producers.js';
import { sideBySide, type ScenarioResult } from '../side-by-side.js';

export const RAW_1000_BATCHES = 'raw kafkajs send() of 1000-record batches';
export const KAFKA_PRODUCER = 'KafkaProducer.send() per record, lingerMs 5 (kafkajs driver)';
export const KAFKA_PRODUCER_PLATFORMATIC =
  'KafkaProducer.send() per record, lingerMs 5 (platformatic driver)';
export const JAVA_TUNED = 'Java ProducerPerformance, batch.size 512 KiB, linger.ms 10';
/** Java's defaults are 16 KiB batches and no linger; this is what the issue measured as tuned. */
const JAVA_TUNING = ['batch.size=524288', 'linger.ms=10'];

export const produceScenarioId = (w: Pick<ProduceWorkload, 'bytes' | 'acks'>) =>
  `produce-${w.bytes}-acks-${w.acks}`;

function produce(w: ProduceWorkload) {
  return sideBySide(
    {
      id: produceScenarioId(w),
      headline: KAFKA_PRODUCER,
      title: `Produce ${w.bytes === 1024 ? '1 KiB' : `${w.bytes} B`}, acks=${w.acks}`,
      workload: `${w.total.toLocaleString('en')} JSON records keyed by 1,000 users to a new ${PRODUCE_PARTITIONS}-partition topic per run; per-record senders keep 1,000 sends in flight`,
      notes: [
        'Java ProducerPerformance sends random bytes of that size (no JSON); its CPU includes JVM start-up.',
      ],
    },
    [
      { name: RAW_1000_BATCHES, run: () => rawKafkajsBatches(w, 1000) },
      { name: 'raw kafkajs send() of 100-record batches', run: () => rawKafkajsBatches(w, 100) },
      { name: KAFKA_PRODUCER, run: () => kafkaProducerPerRecord(w, 5) },
      {
        name: KAFKA_PRODUCER_PLATFORMATIC,
        run: onPlatformatic(() => kafkaProducerPerRecord(w, 5, PLATFORMATIC)),
      },
      { name: '@nestjs/microservices ClientKafka.emit() per record', run: () => clientKafkaEmit(w) },
      { name: 'Java ProducerPerformance, defaults', run: () => javaProducerPerformance(w) },
      { name: JAVA_TUNED, run: () => javaProducerPerformance(w, JAVA_TUNING) },
    ],
  );
}

export async function produceMatrix(): Promise<ScenarioResult[]> {
  const results = [];
  for (const bytes of [256, 1024])
    for (const acks of [1, 'all'] as const) results.push(await produce({ total: MESSAGES, bytes, acks }));
  return results;
}
