// Looks at the broker from outside the library (kafkajs directly, and kcat), so the error
// strategies' tests check what other clients really see.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { kafkaBrokers, uniqueName } from './support.js';

const run = promisify(execFile);

export interface RawRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

function kafka(brokers = kafkaBrokers()): Kafka {
  return new Kafka({ brokers, clientId: 'test-inspector', logLevel: logLevel.NOTHING });
}

/** Runs `work` with a connected kafkajs admin (of the test broker, or of `brokers`). */
export async function withAdmin<T>(work: (admin: Admin) => Promise<T>, brokers?: string[]): Promise<T> {
  const admin = kafka(brokers).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Writes `messages` to `topic` with a plain kafkajs producer (idempotent: no duplicates on retry). */
export async function produceRaw(
  topic: string,
  messages: { key: string | null; value: string; partition?: number }[],
): Promise<void> {
  const producer = kafka().producer({ idempotent: true });
  await producer.connect();
  try {
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Committed offset of `groupId` per partition of `topic` ('-1': none). */
export function committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
  return withAdmin(async (admin) => {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((t?.partitions ?? []).map((p) => [p.partition, p.offset]));
  });
}

/** Log-end offset per partition of `topic`. */
export function endOffsets(topic: string, brokers?: string[]): Promise<Map<number, string>> {
  return withAdmin(async (admin) => {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((p) => [p.partition, p.high]));
  }, brokers);
}

/** Every record of `topic` from the beginning, raw bytes, read by a throwaway kafkajs group. */
export async function readAll(topic: string, expected: number, timeoutMs = 20_000): Promise<RawRecord[]> {
  const consumer = kafka().consumer({ groupId: uniqueName('inspector') });
  const out: RawRecord[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let done!: () => void;
    const finished = new Promise<void>((r) => (done = r));
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(message.headers ?? {})) headers[k] = String(v);
        out.push({ partition, offset: message.offset, key: message.key, value: message.value, headers });
        if (out.length >= expected) done();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
  }
  return out;
}

export interface KcatRecord {
  partition: number;
  offset: number;
  key: string | null;
  payload: string | null;
  headers: Record<string, string>;
}

/** Every record of `topic`, as Debian's kcat reads it (-J), headers paired into an object. */
export async function kcatReadAll(topic: string): Promise<KcatRecord[]> {
  const { stdout } = await run(
    'kcat',
    ['-b', kafkaBrokers().join(','), '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const r = JSON.parse(line) as {
        partition: number;
        offset: number;
        key: string | null;
        payload: string | null;
        headers?: string[];
      };
      const headers: Record<string, string> = {};
      for (let i = 0; i + 1 < (r.headers?.length ?? 0); i += 2) headers[r.headers![i]!] = r.headers![i + 1]!;
      return { partition: r.partition, offset: r.offset, key: r.key, payload: r.payload, headers };
    });
}
