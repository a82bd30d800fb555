import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaConsumer, KafkaListener, KafkaModule, KafkaProducer, Payload } from 'nest-kafka-kit';
import { startEmbeddedKafka } from 'nest-kafka-kit/testing';
import { describe, expect, it } from 'vitest';
import { portOpen } from '../embedded/cluster.mjs';
import { TEST_BROKER_PORTS } from '../../../tools/test/broker-ports.js';
import { CapturingLogger } from './capturing-logger.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';
import { kafkaClientOptions } from '../../../tools/test/kafka-client-options.js';

/**
 * A whole app's first minute on a broker that just started: topics created, leaders elected,
 * __consumer_offsets created and its coordinator loaded while the consumer joins. kafkajs answers
 * "This server does not host this topic-partition" and "The group coordinator is not available"
 * on the way and retries; none of that is an error.
 */
async function healthyStartOn(brokers: string[]): Promise<CapturingLogger> {
  const topic = uniqueName('fresh');
  const received: unknown[] = [];
  @Injectable()
  @KafkaConsumer({ groupId: uniqueName('fresh-group'), fromBeginning: true })
  class FreshListener {
    @KafkaListener(topic, { topic: { partitions: 3 } })
    async handle(@Payload() value: unknown) {
      received.push(value);
    }
  }
  const logger = new CapturingLogger();
  const moduleRef = await Test.createTestingModule({
    // The default log level (warn): what a user sees.
    imports: [KafkaModule.forRoot({ brokers, topics: [{ topic, partitions: 3 }], ...kafkaClientOptions() })],
    providers: [FreshListener],
  }).compile();
  const app = moduleRef.createNestApplication({ logger });
  await app.init();
  try {
    await app.get(KafkaProducer).send(topic, [{ key: 'k', value: { hello: 'fresh broker' } }]);
    await waitFor('the record to be consumed', () => received.length === 1, { timeoutMs: 30_000 });
  } catch (err) {
    // What the app logged says why (a crash, a stopped partition).
    throw new Error(`${String(err)}\n${JSON.stringify(logger.lines.slice(-20), null, 1)}`);
  } finally {
    await app.close();
  }
  return logger;
}

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

      // First, on the untouched broker: a healthy start prints no ERROR (nor WARN) line.
      const logger = await healthyStartOn(kafka.brokers);
      const loud = logger.lines.filter((l) => l.level === 'error' || l.level === 'warn');
      expect(loud, JSON.stringify(loud, null, 2)).toEqual([]);
      // The retriable answers were there, at debug: what makes the check above able to fail.
      expect(logger.lines.some((l) => l.level === 'debug' && l.context === 'Kafka')).toBe(true);

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
  }, 120_000);
});
