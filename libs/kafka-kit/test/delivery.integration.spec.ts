import { Injectable, type INestApplicationContext } from '@nestjs/common';
import {
  ConsumerStateService,
  Ctx,
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
  type KafkaContext,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

/** A promise with its resolve function exposed, to hold a handler mid-flight. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('delivery guarantees', () => {
  let apps: INestApplicationContext[] = [];
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close()));
    apps = [];
  });
  const start = async (...args: Parameters<typeof startKafkaApp>) => {
    const app = await startKafkaApp(...args);
    apps.push(app);
    return app;
  };

  it('graceful shutdown lets the in-flight handler finish and commits it: no duplicate after a restart', async () => {
    const topic = uniqueName('graceful');
    const groupId = uniqueName('graceful-group');
    const seen: string[] = [];
    const slow = gate();
    let inFlight = false;

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class SlowListener {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload() value: { id: string }) {
        if (value.id === 'slow') {
          inFlight = true;
          await slow.opened;
        }
        seen.push(value.id);
      }
    }

    const first = await start([SlowListener]);
    await first.get(KafkaProducer).send(topic, { value: { id: 'slow' } });
    await waitFor('the slow handler to be in flight', () => inFlight);
    const closing = first.close();
    apps = [];
    // Shutdown must wait for the handler, not cut it off.
    setTimeout(slow.open, 500);
    await closing;
    expect(seen).toEqual(['slow']);

    const second = await start([SlowListener]);
    await second.get(KafkaProducer).send(topic, { value: { id: 'after-restart' } });
    await waitFor('the record produced after the restart', () => seen.includes('after-restart'));
    expect(seen).toEqual(['slow', 'after-restart']);
  });

  it('a failed record is not committed: after a restart it is the first one delivered again', async () => {
    const topic = uniqueName('uncommitted');
    const groupId = uniqueName('uncommitted-group');
    const attempts: string[] = [];
    let failing = true;

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class FlakyListener {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload() value: { id: string }) {
        attempts.push(value.id);
        if (failing && value.id === 'b') throw new Error('downstream unavailable');
      }
    }

    const first = await start([FlakyListener]);
    await first.get(KafkaProducer).send(
      topic,
      ['a', 'b', 'c'].map((id) => ({ value: { id } })),
    );
    await waitFor('b to fail', () => attempts.includes('b'));
    const stopped = await waitFor('the partition to be reported stopped', () => {
      const [s] = first.get(ConsumerStateService).get(groupId)?.stoppedPartitions ?? [];
      return s;
    });
    expect(stopped).toMatchObject({ topic, partition: 0, offset: '1' });
    expect(stopped.error).toContain('downstream unavailable');
    expect(first.get(ConsumerStateService).get(groupId)?.state).toBe('paused');
    await first.close();
    apps = [];
    expect(attempts).toEqual(['a', 'b']);

    failing = false;
    await start([FlakyListener]);
    await waitFor('b and c after the restart', () => attempts.length >= 4);
    expect(attempts).toEqual(['a', 'b', 'b', 'c']);
  });

  it('processes partitions in parallel with concurrency > 1, in order within each partition', async () => {
    const topic = uniqueName('parallel');
    const inFlight = new Set<number>();
    let maxParallel = 0;
    const order = new Map<number, number[]>();
    const release = gate();

    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('parallel-group'), fromBeginning: true, concurrency: 3 })
    class ParallelListener {
      @KafkaListener(topic, { topic: { partitions: 3 } })
      async handle(@Payload() value: { n: number }, @Ctx() ctx: KafkaContext) {
        inFlight.add(ctx.partition);
        maxParallel = Math.max(maxParallel, inFlight.size);
        if (inFlight.size === 3) release.open();
        // Each handler waits until all three partitions are in flight at once (or 10 s pass).
        await Promise.race([release.opened, new Promise((r) => setTimeout(r, 10_000))]);
        inFlight.delete(ctx.partition);
        order.set(ctx.partition, [...(order.get(ctx.partition) ?? []), value.n]);
      }
    }

    // Every partition has records before the consumer's first fetch, so one fetch holds all three.
    // Idempotent: kafkajs retries a whole request (seen: NOT_LEADER right after creation), which
    // would otherwise write the partitions that had succeeded twice.
    const producerApp = await start([], {
      topics: [{ topic, partitions: 3 }],
      producer: { idempotent: true },
    });
    await producerApp.get(KafkaProducer).send(
      topic,
      Array.from({ length: 30 }, (_, n) => ({ value: { n }, partition: n % 3 })),
    );
    await start([ParallelListener]);
    await waitFor('30 records handled', () => [...order.values()].flat().length >= 30, { timeoutMs: 30_000 });
    expect(maxParallel).toBe(3);
    for (const [partition, ns] of order) {
      expect(ns, `order on partition ${partition}`).toEqual([...ns].sort((a, b) => a - b));
    }
  });
});
