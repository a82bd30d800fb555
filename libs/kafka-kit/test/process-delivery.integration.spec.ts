import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, KafkaProducer, Payload } from 'nest-kafka-kit';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildApp, type ChildApp } from './child-app.js';
import { committedOffsets } from './kafka-inspect.js';
import { kafkaBrokers, startKafkaApp, uniqueName, waitFor } from './support.js';

describe('delivery across processes', () => {
  let child: ChildApp | undefined;
  let app: INestApplicationContext | undefined;
  afterEach(async () => {
    child?.process.kill('SIGKILL');
    await app?.close();
    app = undefined;
  });

  it('delivers a record again after the consumer handling it is killed -9 before committing', async () => {
    const topic = uniqueName('kill9');
    const groupId = uniqueName('kill9-group');
    const handled: string[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true, sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 })
    class Survivor {
      @KafkaListener(topic, { format: 'string' })
      async handle(@Payload() value: string) {
        handled.push(value);
      }
    }

    // The survivor app provisions the topic and produces; its own group member joins later.
    app = await startKafkaApp([], { topics: [{ topic, partitions: 1 }] });
    await app.get(KafkaProducer).send(topic, [{ value: 'first' }, { value: 'block' }]);
    await app.close();

    child = await startChildApp('blocking-consumer.app.ts', {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
    });
    await waitFor('the child to be handling "block"', () => child!.output().includes('handling 1 block'), {
      timeoutMs: 60_000,
    });
    child.process.kill('SIGKILL');
    await waitFor(
      'the child to die',
      () => child!.process.exitCode !== null || child!.process.signalCode !== null,
    );

    // The group notices the dead member after its session timeout (6 s) and reassigns.
    app = await startKafkaApp([Survivor]);
    await waitFor('the uncommitted records to be redelivered', () => handled.includes('block'), {
      timeoutMs: 30_000,
    });
    expect(handled).toEqual(['first', 'block']);
  }, 120_000);

  it('commits during a long batch, so a kill -9 redelivers about a second of work, not the batch', async () => {
    const topic = uniqueName('cadence');
    const groupId = uniqueName('cadence-group');
    const total = 6000;
    app = await startKafkaApp([], { topics: [{ topic, partitions: 1 }] });
    // Written before the consumer starts: its first fetch is one batch of all of them.
    await app.get(KafkaProducer).send(
      topic,
      Array.from({ length: total }, (_, i) => ({ value: `record-${i}` })),
    );
    await app.close();
    app = undefined;

    child = await startChildApp('steady-consumer.app.ts', {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
    });
    const handledCount = () => child!.output().match(/^handled /gm)?.length ?? 0;
    await waitFor('the child to start handling', () => handledCount() > 0, { timeoutMs: 60_000 });
    const startedAt = Date.now();
    await waitFor('the child to be well into the batch', () => handledCount() >= 2500, { timeoutMs: 60_000 });
    child.process.kill('SIGKILL');
    await waitFor('the child to die', () => child!.process.signalCode !== null);
    const handled = handledCount();
    const perSecond = handled / ((Date.now() - startedAt) / 1000);
    expect(handled).toBeLessThan(total);

    const committed = Number((await committedOffsets(groupId, topic)).get(0));
    // Redelivered after the kill: what was handled past the last commit. The cadence is 1 s;
    // a commit round trip and the kill's own timing add a little.
    expect(committed).toBeGreaterThan(0);
    expect(handled - committed).toBeLessThanOrEqual(Math.ceil(perSecond * 1.5) + 50);

    const redelivered = new Set<string>();
    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Survivor {
      @KafkaListener(topic, { format: 'string' })
      async handle(@Payload() value: string) {
        redelivered.add(value);
      }
    }
    app = await startKafkaApp([Survivor]);
    await waitFor('the rest of the partition handled', () => redelivered.size === total - committed, {
      timeoutMs: 40_000,
    });
    expect(redelivered.has(`record-${committed}`)).toBe(true);
    expect(redelivered.has(`record-${committed - 1}`)).toBe(false);
  }, 150_000);

  it('on SIGTERM lets the in-flight handler finish, commits it, and exits cleanly', async () => {
    const topic = uniqueName('sigterm');
    const groupId = uniqueName('sigterm-group');
    app = await startKafkaApp([], { topics: [{ topic, partitions: 1 }] });
    await app.get(KafkaProducer).send(topic, [{ value: 'fast' }, { value: 'slow' }]);
    await app.close();
    app = undefined;

    child = await startChildApp('blocking-consumer.app.ts', {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
    });
    await waitFor('the child to be handling "slow"', () => child!.output().includes('handling 1 slow'), {
      timeoutMs: 60_000,
    });
    child.process.kill('SIGTERM');
    // Nest closes the app on the signal, then re-raises it: the process ends by SIGTERM.
    const ended = await waitFor(
      'the child to exit',
      () => (child!.process.exitCode !== null || child!.process.signalCode !== null) && child!.process,
      { timeoutMs: 30_000 },
    );
    expect(child.output()).toContain('handled 1 slow');
    expect(ended.exitCode === 0 || ended.signalCode === 'SIGTERM').toBe(true);

    const admin = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    await admin.disconnect();
    expect(committed!.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '2' })]);
  }, 120_000);
});
