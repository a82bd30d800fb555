import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTopics, kafkaBrokers, uniqueName, waitFor } from '../../test/helpers.js';

describe('the local broker', () => {
  const kafka = new Kafka({
    brokers: kafkaBrokers(),
    clientId: 'round-trip-test',
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: uniqueName('round-trip') });

  afterAll(async () => {
    await Promise.all([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  });

  it('round-trips records with keys, values and headers through kafkajs', async () => {
    const topic = uniqueName('round-trip');
    await admin.connect();
    await createTopics(admin, [{ topic, numPartitions: 2 }]);
    await producer.connect();
    const sent = Array.from({ length: 20 }, (_, i) => ({
      key: `k${i}`,
      value: `v${i}`,
      headers: { n: `${i}` },
    }));
    await producer.send({ topic, acks: -1, messages: sent });

    const seen: { key: string; value: string; n: string }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push({ key: String(message.key), value: String(message.value), n: String(message.headers?.n) });
      },
    });
    await waitFor('all 20 records consumed', () => seen.length >= 20);

    expect(seen.sort((a, b) => Number(a.n) - Number(b.n))).toEqual(
      sent.map((m) => ({ key: m.key, value: m.value, n: m.headers.n })),
    );
  });
});
