// Raw kafkajs consumers, the baseline: what the library's loop costs is measured against these.
import type { KafkaMessage } from 'kafkajs';
import { kafka, uniqueTopic, type FinishLine } from '../bench-kit.js';
import type { Sample } from '../sample.js';

/** A scenario's per-record work, given the raw message (the raw consumers parse it themselves). */
export type RawWork = (message: KafkaMessage) => unknown;

export interface RawConsumerOptions {
  /** kafkajs' partition-level concurrency. @default 1 */
  partitionsConsumedConcurrently?: number;
}

/** eachBatch, resolving each offset after its record, as a hand-written consumer does. */
export async function rawEachBatch(
  topic: string,
  line: FinishLine,
  work: RawWork,
  options: RawConsumerOptions = {},
): Promise<Sample> {
  return consume(topic, line.crossed, {
    ...options,
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        await work(message);
        resolveOffset(message.offset);
        line.hit();
      }
      await heartbeat();
    },
  });
}

/** eachMessage: kafkajs resolves and heartbeats for each record. */
export async function rawEachMessage(
  topic: string,
  line: FinishLine,
  work: RawWork,
  options: RawConsumerOptions = {},
): Promise<Sample> {
  return consume(topic, line.crossed, {
    ...options,
    eachMessage: async ({ message }) => {
      await work(message);
      line.hit();
    },
  });
}

async function consume(
  topic: string,
  crossed: Promise<Sample>,
  run: Parameters<ReturnType<typeof kafka.consumer>['run']>[0],
): Promise<Sample> {
  const consumer = kafka.consumer({ groupId: uniqueTopic('bench-raw'), maxWaitTimeInMs: 500 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run(run);
    return await crossed;
  } finally {
    await consumer.disconnect();
  }
}

/** The raw consumers' JSON step, which the library and @EventPattern do for their handlers. */
export const parseJson = (message: KafkaMessage): unknown => JSON.parse(message.value!.toString());
