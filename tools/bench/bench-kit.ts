// Shared by the benchmarks: broker, topics, payloads, and side-by-side timing.
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';

export const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const kafka = new Kafka({ brokers, clientId: 'bench', logLevel: logLevel.NOTHING });

export const uniqueTopic = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

/** A JSON object whose serialized form is about `bytes` long (1 KiB by default). */
export function payload(i: number, bytes = 1024) {
  return { id: i, userId: `user-${i % 1000}`, padding: 'x'.repeat(bytes - 48) };
}

export async function createTopic(topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
}

/**
 * Counts handled records: `crossed` resolves at the last one with the milliseconds from the first,
 * so start-up (joining a group, Nest bootstrap) is left out of every consumer timed with it.
 */
export function finishLine(total: number): { hit(): void; crossed: Promise<number> } {
  let seen = 0;
  let t0 = 0;
  let done!: (ms: number) => void;
  const crossed = new Promise<number>((r) => (done = r));
  return {
    crossed,
    hit() {
      if (seen === 0) t0 = performance.now();
      if (++seen === total) done(performance.now() - t0);
    },
  };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Runs each contender `rounds` times, alternating, and prints msgs/s and the ratio to the first.
 * Each round starts with the next contender, so none always runs right after the same other one
 * (a broker still flushing the last run's writes, a heap full of its garbage).
 */
export async function sideBySide(
  title: string,
  messages: number,
  rounds: number,
  contenders: Record<string, () => Promise<number>>,
): Promise<Record<string, number>> {
  const rates: Record<string, number[]> = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
  const entries = Object.entries(contenders);
  for (let r = 0; r < rounds; r++) {
    for (const [name, run] of [
      ...entries.slice(r % entries.length),
      ...entries.slice(0, r % entries.length),
    ]) {
      const ms = await run();
      rates[name]!.push((messages / ms) * 1000);
    }
  }
  const medians = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)]));
  const baseline = Object.values(medians)[0]!;
  console.log(`\n${title} (${messages} msgs x ${rounds} rounds, median)`);
  for (const [name, rate] of Object.entries(medians)) {
    console.log(
      `  ${name.padEnd(44)} ${Math.round(rate).toString().padStart(8)} msgs/s  ratio ${(rate / baseline).toFixed(3)}`,
    );
  }
  return medians;
}
