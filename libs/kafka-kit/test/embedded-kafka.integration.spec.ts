import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaProducer } from 'nest-kafka-kit';
import { startEmbeddedKafka } from 'nest-kafka-kit/testing';
import { describe, expect, it } from 'vitest';
import { portOpen } from '../embedded/cluster.mjs';
import { TEST_BROKER_PORTS } from '../../../tools/test/broker-ports.js';
import { startKafkaApp, uniqueName } from './support.js';

describe('startEmbeddedKafka (nest-kafka-kit/testing)', () => {
  it('starts a real broker for a test suite and stops exactly what it started', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'embedded-kafka-'));
    const port = TEST_BROKER_PORTS.embeddedKafka;
    const saved = process.env.KAFKA_BROKERS;
    delete process.env.KAFKA_BROKERS;
    const kafka = await startEmbeddedKafka({ port, stateDir, reuseRunning: false, log: () => {} });
    try {
      expect(kafka).toMatchObject({ brokers: [`127.0.0.1:${port}`], started: true });
      const reused = await startEmbeddedKafka({ port, stateDir, log: () => {} });
      expect(reused.started).toBe(false);

      const topic = uniqueName('embedded');
      const app = await startKafkaApp([], { brokers: kafka.brokers, topics: [{ topic, partitions: 2 }] });
      const [sent] = await app.get(KafkaProducer).send(topic, [{ key: 'k', value: 'hello' }]);
      expect(sent!.offset).toBe('0');
      await app.close();
    } finally {
      await kafka.stop();
      if (saved !== undefined) process.env.KAFKA_BROKERS = saved;
      rmSync(stateDir, { recursive: true, force: true });
    }
    expect(await portOpen(port)).toBe(false);
  });
});
