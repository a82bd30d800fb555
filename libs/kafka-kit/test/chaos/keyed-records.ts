// The chaos tests' records: `keys` keys in turn, each record's value its id (`<key>/<seq>`), so
// the consumer side can check per-key order and count repeats by id.
import type { KafkaProducer } from 'nest-kafka-kit';
import { recordId } from './delivery-ledger.js';

export interface KeyedRecord {
  key: string;
  value: string;
}

/** Records `from`..`from + count - 1` of the sequence over `keys` keys. */
export function keyedRecords(from: number, count: number, keys: number): KeyedRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const key = `key-${n % keys}`;
    return { key, value: recordId(key, Math.floor(n / keys)) };
  });
}

/**
 * Sends `records` a thousand per call (kafkajs' send grows quadratically with its size) and
 * returns how many landed on each partition.
 */
export async function sendAll(
  producer: KafkaProducer,
  topic: string,
  records: KeyedRecord[],
): Promise<Map<number, number>> {
  const perPartition = new Map<number, number>();
  for (let i = 0; i < records.length; i += 1000) {
    for (const { partition } of await producer.send(topic, records.slice(i, i + 1000))) {
      perPartition.set(partition, (perPartition.get(partition) ?? 0) + 1);
    }
  }
  return perPartition;
}
