// Key-level parallelism inside a partition: concurrency across keys, order within a key, and
// commits that never pass a record still running or stopped.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import {
  ConsumerStateService,
  KafkaConsumer,
  KafkaListener,
  Payload,
  StoppedPartitionsService,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOffsets, produceRaw, readAll, withAdmin } from './kafka-inspect.js';
import { createTopics, startKafkaApp, uniqueName, waitFor } from './support.js';

type Rec = { key: string; seq: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function keyed(keys: number, perKey: number): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (let seq = 0; seq < perKey; seq++)
    for (let k = 0; k < keys; k++) out.push({ key: `k${k}`, value: JSON.stringify({ key: `k${k}`, seq }) });
  return out;
}

describe('key-level concurrency', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  async function oneTopic(prefix: string): Promise<{ topic: string; groupId: string }> {
    const topic = uniqueName(prefix);
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 1 }]));
    return { topic, groupId: uniqueName(`${prefix}-group`) };
  }

  it('runs keys of one partition in parallel, up to max, keeping each key in order', async () => {
    const { topic, groupId } = await oneTopic('keys-parallel');
    // Written before the consumer starts, so the first fetch holds them all.
    await produceRaw(topic, keyed(20, 10));
    const seen: Rec[] = [];
    let running = 0;
    let peak = 0;

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Parallel {
      @KafkaListener(topic, { concurrency: { by: 'key', max: 8 } })
      async handle(@Payload() r: Rec) {
        peak = Math.max(peak, ++running);
        await sleep(10);
        seen.push(r);
        running--;
      }
    }

    app = await startKafkaApp([Parallel]);
    await waitFor('every record handled', () => seen.length === 200);
    await waitFor('the group to commit the whole partition', async () => {
      return (await committedOffsets(groupId, topic)).get(0) === '200';
    });
    expect(peak).toBe(8);
    for (let k = 0; k < 20; k++)
      expect(seen.filter((r) => r.key === `k${k}`).map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(seen.map((r) => `${r.key}#${r.seq}`)).size).toBe(200);
  });

  it('commits nothing past a record still running, however many after it are done', async () => {
    const { topic, groupId } = await oneTopic('keys-watermark');
    await produceRaw(topic, [
      { key: 'slow', value: JSON.stringify({ key: 'slow', seq: 0 }) },
      ...keyed(5, 2),
    ]);
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const seen: Rec[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Watermark {
      @KafkaListener(topic, { concurrency: { by: 'key', max: 4 } })
      async handle(@Payload() r: Rec) {
        if (r.key === 'slow') await slow;
        seen.push(r);
      }
    }

    app = await startKafkaApp([Watermark]);
    await waitFor('the ten records behind the slow one handled', () => seen.length === 10);
    const state = app.get(ConsumerStateService);
    // Liveness sees the call that holds the partition back.
    expect(state.get(groupId)!.activity[0]).toMatchObject({ offset: '0', handled: 10 });
    expect(state.get(groupId)!.activity[0]!.handlingSince).toBeGreaterThan(0);
    expect(['-1', undefined]).toContain((await committedOffsets(groupId, topic)).get(0));
    release();
    await waitFor('the group to commit all 11 once the slow record is done', async () => {
      return (await committedOffsets(groupId, topic)).get(0) === '11';
    });
  });

  it('stops at a failed record with its key held behind it; other keys go on; the operator skips it', async () => {
    const { topic, groupId } = await oneTopic('keys-stop');
    await produceRaw(topic, [
      { key: 'a', value: JSON.stringify({ key: 'a', seq: 0 }) },
      { key: 'bad', value: JSON.stringify({ key: 'bad', seq: 0 }) },
      { key: 'c', value: JSON.stringify({ key: 'c', seq: 0 }) },
      { key: 'bad', value: JSON.stringify({ key: 'bad', seq: 1 }) },
      { key: 'c', value: JSON.stringify({ key: 'c', seq: 1 }) },
    ]);
    const seen: Rec[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Stopping {
      @KafkaListener(topic, { concurrency: { by: 'key', max: 4 }, errorHandling: { strategy: 'stop' } })
      async handle(@Payload() r: Rec) {
        if (r.key === 'bad' && r.seq === 0) throw new Error('bad record');
        seen.push(r);
      }
    }

    app = await startKafkaApp([Stopping]);
    const operator = app.get(StoppedPartitionsService);
    const stopped = await waitFor('the partition to stop at offset 1', () => operator.list()[0]);
    expect(stopped).toMatchObject({ kind: 'stop-on-error', offset: '1' });
    await waitFor('a committed, nothing past the stopped record', async () => {
      return (await committedOffsets(groupId, topic)).get(0) === '1';
    });
    // bad#1 waits behind bad#0: per-key order holds even across the stop.
    expect(seen.some((r) => r.key === 'bad')).toBe(false);

    operator.skip(groupId, topic, 0, { offset: '1', by: 'test', reason: 'poison' });
    await waitFor('the group to commit past everything after the skip', async () => {
      return (await committedOffsets(groupId, topic)).get(0) === '5';
    });
    // At-least-once: c's records done before the stop may come again; none is lost.
    expect(seen.filter((r) => r.key === 'bad').map((r) => r.seq)).toEqual([1]);
    expect(new Set(seen.map((r) => `${r.key}#${r.seq}`))).toEqual(new Set(['a#0', 'c#0', 'bad#1', 'c#1']));
  });

  it('dead-letters failures of some keys while the others flow, committing to the end', async () => {
    const { topic, groupId } = await oneTopic('keys-dlq');
    const inputs = keyed(10, 10).map((m, i) => (i % 25 === 7 ? { ...m, value: '{not json' } : m));
    await produceRaw(topic, inputs);
    const seen: Rec[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class WithDlq {
      @KafkaListener(topic, {
        concurrency: { by: 'key', max: 16 },
        errorHandling: { strategy: 'dead-letter' },
      })
      async handle(@Payload() r: Rec) {
        await sleep(2);
        seen.push(r);
      }
    }

    app = await startKafkaApp([WithDlq]);
    const dead = await readAll(`${topic}.dlq`, 4);
    expect(dead.map((d) => d.headers['x-dlq-reason'])).toEqual(Array(4).fill('deserialization'));
    await waitFor('the group to commit all 100', async () => {
      return (await committedOffsets(groupId, topic)).get(0) === '100';
    });
    expect(seen).toHaveLength(96);
  });

  it('with ordered retry, parks a key behind its record in retry while the other keys run in parallel', async () => {
    const { topic, groupId } = await oneTopic('keys-ordered');
    await produceRaw(topic, keyed(5, 5));
    const tries = new Map<string, number>();
    const handled: Rec[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class OrderedParallel {
      @KafkaListener(topic, {
        concurrency: { by: 'key', max: 8 },
        errorHandling: { strategy: 'retry-topics', delaysMs: [200, 200], orderedByKey: true },
      })
      async handle(@Payload() r: Rec) {
        const id = `${r.key}#${r.seq}`;
        const n = (tries.get(id) ?? 0) + 1;
        tries.set(id, n);
        // k2#1 fails twice, then succeeds on its second retry.
        if (id === 'k2#1' && n < 3) throw new Error('not yet');
        await sleep(5);
        handled.push(r);
      }
    }

    app = await startKafkaApp([OrderedParallel]);
    await waitFor('all 25 handled', () => handled.length === 25, { timeoutMs: 30_000 });
    for (let k = 0; k < 5; k++)
      expect(
        handled.filter((r) => r.key === `k${k}`).map((r) => r.seq),
        `k${k}`,
      ).toEqual([0, 1, 2, 3, 4]);
    expect(tries.get('k2#1')).toBe(3);
    // The other keys did not wait for k2's retries.
    expect(handled.findIndex((r) => r.key === 'k2' && r.seq === 1)).toBeGreaterThan(
      handled.findIndex((r) => r.key === 'k4' && r.seq === 4),
    );
  });

  it('with blocking retry, retries one key in place while the other keys go on', async () => {
    const { topic, groupId } = await oneTopic('keys-blocking');
    await produceRaw(topic, keyed(4, 3));
    const tries = new Map<string, number>();
    const handled: string[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class BlockingParallel {
      @KafkaListener(topic, {
        concurrency: { by: 'key', max: 4 },
        errorHandling: { strategy: 'blocking-retry', attempts: 3, backoff: { initialMs: 300, jitter: 0 } },
      })
      async handle(@Payload() r: Rec) {
        const id = `${r.key}#${r.seq}`;
        const n = (tries.get(id) ?? 0) + 1;
        tries.set(id, n);
        if (id === 'k1#0' && n < 3) throw new Error('flaky');
        handled.push(id);
      }
    }

    app = await startKafkaApp([BlockingParallel]);
    await waitFor('all 12 handled', () => handled.length === 12);
    expect(handled.filter((id) => id.startsWith('k1#'))).toEqual(['k1#0', 'k1#1', 'k1#2']);
    // k0, k2 and k3 were done while k1#0 waited out its back-off.
    expect(handled.indexOf('k1#0')).toBe(9);
    await waitFor('the group to commit all 12', async () => {
      return (await committedOffsets(groupId, topic)).get(0) === '12';
    });
  });

  it('drains the calls in flight on shutdown and loses nothing across a restart', async () => {
    const { topic, groupId } = await oneTopic('keys-drain');
    await produceRaw(topic, keyed(40, 5));
    const started = new Set<string>();
    const finished = new Set<string>();

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Draining {
      @KafkaListener(topic, { concurrency: { by: 'key', max: 16 } })
      async handle(@Payload() r: Rec) {
        started.add(`${r.key}#${r.seq}`);
        await sleep(50);
        finished.add(`${r.key}#${r.seq}`);
      }
    }

    app = await startKafkaApp([Draining]);
    await waitFor('work under way', () => finished.size >= 20);
    await app.close();
    app = undefined;
    // Every call that started was let finish before the group left.
    expect([...started].filter((id) => !finished.has(id))).toEqual([]);

    app = await startKafkaApp([Draining]);
    await waitFor('all 200 handled at least once after the restart', () => finished.size === 200, {
      timeoutMs: 30_000,
    });
    await waitFor('the group to commit all 200', async () => {
      return (await committedOffsets(groupId, topic)).get(0) === '200';
    });
  });
});
