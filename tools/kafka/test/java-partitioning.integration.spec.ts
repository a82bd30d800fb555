import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { murmur2Partition } from '../../../libs/kafka-kit/src/client/murmur2.js';
import { DEFAULT_KAFKA_VERSION } from '../../../libs/kafka-kit/embedded/cluster.mjs';
import { runJavaTool } from '../../../libs/kafka-kit/embedded/java-tools.mjs';
import { kafkaBrokers, uniqueName, waitFor } from '../../test/helpers.js';

const PARTITIONS = 6;
const KEYS = ['alice', 'bob', 'carol', 'Zoë', '21', 'user-42', 'user-43', 'VIP:9', 'ü€', 'n'.repeat(37)];

/** key -> partition, as observed on the broker for what was produced to `topic`. */
async function partitionsOnBroker(kafka: Kafka, topic: string, count: number): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const consumer = kafka.consumer({ groupId: uniqueName('partition-check') });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => void seen.set(String(message.key), partition),
  });
  try {
    return await waitFor(`${count} keys read back from ${topic}`, () => seen.size >= count && seen);
  } finally {
    await consumer.disconnect();
  }
}

describe("key -> partition agrees with Kafka's Java client", () => {
  const kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  afterAll(() => admin.disconnect());

  it('places every key where the Java console producer (murmur2) places it', async () => {
    const javaTopic = uniqueName('java-keys');
    const nodeTopic = uniqueName('node-keys');
    await admin.connect();
    await admin.createTopics({
      topics: [javaTopic, nodeTopic].map((topic) => ({ topic, numPartitions: PARTITIONS })),
      waitForLeaders: true,
    });

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
      KEYS.map((k) => `${k}|v`).join('\n') + '\n',
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: nodeTopic, messages: KEYS.map((key) => ({ key, value: 'v' })) });
    await producer.disconnect();

    const java = await partitionsOnBroker(kafka, javaTopic, KEYS.length);
    const node = await partitionsOnBroker(kafka, nodeTopic, KEYS.length);
    const ours = new Map(KEYS.map((k) => [k, murmur2Partition(Buffer.from(k), PARTITIONS)]));

    expect(new Set(java.values()).size).toBeGreaterThan(1); // the keys really spread
    expect(Object.fromEntries(node)).toEqual(Object.fromEntries(java));
    expect(Object.fromEntries(ours)).toEqual(Object.fromEntries(java));
  });
});
