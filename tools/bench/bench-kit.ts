// Shared by the benchmarks: broker, topics, payloads, and the finish line of a timed consumer.
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { STALL_MS } from './config.js';
import type { Sample } from './sample.js';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
// Patient: on a busy shared machine a new topic's leader can take longer than kafkajs' default
// five retries to show in metadata (seen as UNKNOWN_TOPIC_OR_PARTITION from createTopics).
export const kafka = new Kafka({
  brokers,
  clientId: 'bench',
  logLevel: logLevel.NOTHING,
  retry: { retries: 10 },
});

export const uniqueTopic = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** A JSON object whose serialized form is about `bytes` long (1 KiB by default). */
export function payload(i: number, bytes = 1024) {
  return { id: i, userId: `user-${i % 1000}`, padding: 'x'.repeat(bytes - 48) };
}
export type BenchPayload = ReturnType<typeof payload>;

export async function createTopic(
  topic: string,
  partitions: number,
  configEntries?: { name: string; value: string }[],
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, configEntries }],
    waitForLeaders: true,
  });
  await admin.disconnect();
}

/** A new topic holding `total` 1 KiB JSON records keyed by user (1000 keys), for consumers to read. */
export async function filledTopic(prefix: string, partitions: number, total: number): Promise<string> {
  const topic = uniqueTopic(prefix);
  await createTopic(topic, partitions);
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < total; i += 1000) {
    const messages = [];
    for (let j = i; j < Math.min(i + 1000, total); j++)
      messages.push({ key: `user-${j % 1000}`, value: JSON.stringify(payload(j)) });
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
  return topic;
}

export interface FinishLine {
  /** One record done with (handled, or its handler threw); hits past the total are ignored. */
  hit(): void;
  /** Resolves at the last record; rejects when no record arrives for STALL_MS (a broken bench). */
  crossed: Promise<Sample>;
  /** Ends the run early: `crossed` rejects with `reason`. */
  abort(reason: Error): void;
}

/**
 * Counts handled records: `crossed` resolves at the last one with the wall and CPU time from the
 * first, so start-up (joining a group, Nest bootstrap) is left out of every consumer timed with it.
 */
export function finishLine(total: number): FinishLine {
  let seen = 0;
  let t0 = 0;
  let cpu0: NodeJS.CpuUsage | undefined;
  let done!: (sample: Sample) => void;
  let fail!: (err: Error) => void;
  const crossed = new Promise<Sample>((resolve, reject) => ((done = resolve), (fail = reject)));
  let seenAtLastCheck = -1;
  const watchdog = setInterval(() => {
    if (seen === seenAtLastCheck)
      fail(new Error(`stalled: ${seen} of ${total} records, none for ${STALL_MS} ms`));
    seenAtLastCheck = seen;
  }, STALL_MS);
  void crossed.finally(() => clearInterval(watchdog)).catch(() => undefined);
  return {
    crossed,
    abort: fail,
    hit() {
      if (seen === 0) {
        t0 = performance.now();
        cpu0 = process.cpuUsage();
      }
      if (++seen === total) done(sampleSince(total, t0, cpu0!));
    },
  };
}

/** The records handled between `t0`/`cpu0` and now, with this process's CPU time meanwhile. */
export function sampleSince(records: number, t0: number, cpu0: NodeJS.CpuUsage): Sample {
  const cpu = process.cpuUsage(cpu0);
  return { records, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** Times `work`, which handles `records` records, in wall and CPU time. */
export async function timed(records: number, work: () => Promise<void>): Promise<Sample> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await work();
  return sampleSince(records, t0, cpu0);
}
