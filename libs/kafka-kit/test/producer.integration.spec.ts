import { type INestApplicationContext } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import {
  KafkaProducer,
  murmur2Partition,
  priorityPartitioner,
  roundRobinPartitioner,
  type CompressionCodec,
  type ProducerOptions,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KAFKA_VERSION } from '../embedded/cluster.mjs';
import { runJavaTool } from '../embedded/java-tools.mjs';
import { registerInstalledCodecs } from '../src/client/compression-codecs.js';
import { createTopics, kafkaBrokers, startKafkaApp, uniqueName, waitFor } from './support.js';

// A plain kafkajs client, to look at what the broker holds independently of the library. Its
// codecs are registered here: on the platformatic driver the library never loads kafkajs'.
const kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
const admin = kafka.admin();

async function createTopic(partitions: number): Promise<string> {
  const topic = uniqueName('produce');
  await createTopics(admin, [{ topic, numPartitions: partitions }]);
  return topic;
}

/** Every record of `topic` as key -> {partition, value, headers}, read with a fresh group. */
async function readAll(topic: string, count: number) {
  const seen = new Map<string, { partition: number; value: string; headers: Record<string, string> }>();
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]),
      );
      seen.set(String(message.key ?? `offset-${partition}-${message.offset}`), {
        partition,
        value: String(message.value),
        headers,
      });
    },
  });
  try {
    return await waitFor(`${count} records in ${topic}`, () => seen.size >= count && seen);
  } finally {
    await consumer.disconnect();
  }
}

describe('KafkaProducer', () => {
  let app: INestApplicationContext | undefined;
  const producerWith = async (producer: ProducerOptions) => {
    app = await startKafkaApp([], { producer });
    return app.get(KafkaProducer);
  };

  beforeAll(async () => {
    await registerInstalledCodecs();
    await admin.connect();
  });
  afterEach(() => app?.close());
  afterAll(() => admin.disconnect());

  it("puts every key on the partition Kafka's Java producer chooses", async () => {
    const javaTopic = await createTopic(7);
    const ourTopic = await createTopic(7);
    const keys = Array.from({ length: 40 }, (_, i) => `customer-${i * 7919}`);
    await runJavaTool(
      'console-producer',
      process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION,
      [
        '--bootstrap-server',
        kafkaBrokers().join(','),
        '--topic',
        javaTopic,
        '--property',
        'parse.key=true',
        '--property',
        'key.separator=|',
      ],
      keys.map((k) => `${k}|x`).join('\n') + '\n',
    );
    const producer = await producerWith({});
    const results = await producer.send(
      ourTopic,
      keys.map((key) => ({ key, value: 'x' })),
    );

    const java = await readAll(javaTopic, keys.length);
    for (const [i, key] of keys.entries()) {
      expect(results[i]!.partition, key).toBe(java.get(key)!.partition);
      expect(murmur2Partition(Buffer.from(key), 7), key).toBe(java.get(key)!.partition);
    }
  });

  it('groups concurrent sends within lingerMs into far fewer produce requests', async () => {
    const topic = await createTopic(1);
    const lingering = await producerWith({ lingerMs: 20, batchSize: 1000 });
    const before = lingering.stats().produceRequests;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => lingering.send(topic, { value: { i } })),
    );
    const lingered = lingering.stats().produceRequests - before;
    await app!.close();

    const eager = await producerWith({ lingerMs: 0 });
    const eagerBefore = eager.stats().produceRequests;
    for (let i = 0; i < 50; i++) await eager.send(topic, { value: { i } });
    const oneByOne = eager.stats().produceRequests - eagerBefore;

    expect(lingered).toBeLessThanOrEqual(3);
    expect(oneByOne).toBe(50);
    // Each caller got its own record's offset: 200 distinct, consecutive offsets.
    expect(new Set(results.map((r) => r.offset)).size).toBe(200);
    expect(results.map((r) => Number(r.offset)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
  });

  it.each<CompressionCodec>(['gzip', 'snappy', 'lz4', 'zstd'])(
    'round-trips %s-compressed records',
    async (compression) => {
      const topic = await createTopic(1);
      const producer = await producerWith({ compression });
      await producer.send(topic, [
        { key: 'k1', value: { text: 'a'.repeat(2000) }, headers: { trace: 't-1' } },
        { key: 'k2', value: 'plain string' },
        { key: 'k3', value: Buffer.from([1, 2, 3]) },
      ]);
      const got = await readAll(topic, 3);
      expect(JSON.parse(got.get('k1')!.value)).toEqual({ text: 'a'.repeat(2000) });
      expect(got.get('k1')!.headers).toEqual({ trace: 't-1' });
      expect(got.get('k2')!.value).toBe('plain string');
      expect(got.get('k3')!.value).toBe(Buffer.from([1, 2, 3]).toString());
    },
  );

  it('routes VIP keys to the reserved partition and spreads keyless records round-robin', async () => {
    const topic = await createTopic(4);
    const vip = await producerWith({
      partitioner: () => priorityPartitioner({ isPriority: (key) => key.toString().startsWith('vip:') }),
    });
    const vipResults = await vip.send(
      topic,
      ['vip:1', 'vip:2', 'vip:3'].map((key) => ({ key, value: 'v' })),
    );
    const others = await vip.send(
      topic,
      Array.from({ length: 30 }, (_, i) => ({ key: `user-${i}`, value: 'v' })),
    );
    expect(vipResults.every((r) => r.partition === 3)).toBe(true);
    expect(others.every((r) => r.partition < 3)).toBe(true);
    await app!.close();

    const rr = await producerWith({ partitioner: () => roundRobinPartitioner() });
    const keyless = await rr.send(
      topic,
      Array.from({ length: 8 }, () => ({ value: 'no key' })),
    );
    const perPartition = [0, 1, 2, 3].map((p) => keyless.filter((r) => r.partition === p).length);
    expect(perPartition).toEqual([2, 2, 2, 2]);
  });

  it('commits or aborts records atomically in a transaction, across partitions', async () => {
    const topic = await createTopic(3);
    const producer = await producerWith({ idempotent: true, transactionalId: uniqueName('tx') });
    const keyed = (prefix: string) =>
      Array.from({ length: 6 }, (_, i) => ({ key: `${prefix}-${i}`, value: i }));
    const committed = await producer.transaction((tx) => tx.send(topic, keyed('committed')));
    expect(new Set(committed.map((r) => r.partition)).size).toBeGreaterThan(1);
    await expect(
      producer.transaction(async (tx) => {
        await tx.send(topic, keyed('aborted'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await producer.transaction((tx) => tx.send(topic, keyed('committed-2')));
    // kafkajs consumers read committed records only (isolation read_committed).
    const got = await readAll(topic, 12);
    expect([...got.keys()].sort()).toEqual(
      [...keyed('committed'), ...keyed('committed-2')].map((r) => r.key).sort(),
    );
  });

  it("commits a group's offsets with a transaction's records, or neither", async () => {
    const [input, output] = [await createTopic(1), await createTopic(1)];
    const groupId = uniqueName('tx-group');
    const producer = await producerWith({ idempotent: true, transactionalId: uniqueName('tx-offsets') });
    const committedOffset = async () =>
      (await admin.fetchOffsets({ groupId, topics: [input] }))[0]!.partitions[0]!.offset;
    await producer.transaction(async (tx) => {
      await tx.send(output, [{ key: 'out-1', value: 1 }]);
      await tx.sendOffsets(groupId, input, 0, '5');
    });
    await waitFor('the offset committed with the transaction', async () => (await committedOffset()) === '5');
    await expect(
      producer.transaction(async (tx) => {
        await tx.send(output, [{ key: 'out-aborted', value: 2 }]);
        await tx.sendOffsets(groupId, input, 0, '9');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // The next transaction of this id begins only once the aborted one's markers are written.
    await producer.transaction((tx) => tx.send(output, [{ key: 'out-2', value: 3 }]));
    expect(await committedOffset()).toBe('5');
    expect([...(await readAll(output, 2)).keys()].sort()).toEqual(['out-1', 'out-2']);
  });
});
