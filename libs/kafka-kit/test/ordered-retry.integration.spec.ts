import { Injectable, type INestApplicationContext } from '@nestjs/common';
import {
  ConsumerStateService,
  Ctx,
  DLQ_HEADERS,
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
  RETRY_HEADERS,
  type KafkaContext,
} from 'nest-kafka-kit';
import { IsIn, IsInt, IsString } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { endOffsets, readAll } from './kafka-inspect.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

// Not named Event: the parameter's design type would be the DOM's global Event class.
class KeyedEvent {
  @IsString() key!: string;
  @IsInt() seq!: number;
  /** 'ok'; 'flaky': fails until its second retry; 'broken': always fails. */
  @IsIn(['ok', 'flaky', 'broken']) kind!: 'ok' | 'flaky' | 'broken';
}

interface Handled extends KeyedEvent {
  at: number;
  attempt: number;
  dueAt: number;
}

/** Set by a test to keep a record's last retry waiting until it has seen what it waits for. */
interface LastRetryHold {
  until?: Promise<void>;
}

function orderedListener(
  topic: string,
  groupId: string,
  handled: Handled[],
  tries: string[],
  hold: LastRetryHold = {},
) {
  @Injectable()
  // A held retry must not keep the group's other partitions waiting: 2 in each of 3 topics.
  @KafkaConsumer({ groupId, fromBeginning: true, concurrency: 6 })
  class Ordered {
    @KafkaListener(topic, {
      topic: { partitions: 2 },
      errorHandling: { strategy: 'retry-topics', delaysMs: [500, 2500], orderedByKey: true },
    })
    async handle(@Payload() e: KeyedEvent, @Ctx() ctx: KafkaContext) {
      const attempt = Number(ctx.headers[RETRY_HEADERS.attempt] ?? 0);
      tries.push(`${e.key}#${e.seq}@${attempt}`);
      if (attempt === 2) await hold.until;
      if (e.kind === 'broken') throw new Error(`${e.key}#${e.seq} is broken`);
      if (e.kind === 'flaky' && attempt < 2) throw new Error(`${e.key}#${e.seq} not yet`);
      handled.push({ ...e, at: Date.now(), attempt, dueAt: Number(ctx.headers[RETRY_HEADERS.dueAt] ?? 0) });
    }
  }
  return Ordered;
}

const event = (key: string, seq: number, kind: KeyedEvent['kind'] = 'ok') => ({
  key,
  value: { key, seq, kind },
});

describe('ordered retry by key', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('parks later records of a key in retry behind it, lets other keys flow, and keeps parking across a restart', async () => {
    const topic = uniqueName('ordered-enrolled');
    const groupId = uniqueName('ordered-group');
    const handled: Handled[] = [];
    const tries: string[] = [];
    const hold: LastRetryHold = {};

    app = await startKafkaApp([orderedListener(topic, groupId, handled, tries, hold)]);
    await app
      .get(KafkaProducer)
      .send(topic, [
        event('k1', 0),
        event('k1', 1, 'flaky'),
        event('k2', 0, 'broken'),
        event('k3', 0),
        event('k1', 2),
        { key: 'k3', value: { key: 'k3', seq: 'not a number', kind: 'ok' } },
        { key: 'k2', value: '<not json>' },
        event('k2', 1),
        event('k3', 1),
        event('k1', 3),
        event('k2', 2),
        event('k3', 2),
      ]);

    // Keys without trouble flow while k1 and k2 wait in the retry topics. k1 and k3 may sit on
    // different partitions, fetched at different times: wait until k1#1 has failed once (k1#0,
    // before it on the same partition, is handled by then) rather than assume k3 comes last.
    await waitFor('k3 handled', () => handled.filter((h) => h.key === 'k3').length === 3);
    await waitFor('k1#1 to fail its first try', () => tries.includes('k1#1@0'));
    const k1Seqs = () => handled.filter((h) => h.key === 'k1').map((h) => h.seq);
    expect(k1Seqs()).toEqual([0]);

    // Restart while k1#1 waits in the second retry topic with k1#2 and #3 parked behind it.
    await waitFor('k1#1 to fail its first retry', () => tries.includes('k1#1@1'));
    await app.close();
    expect(k1Seqs()).toEqual([0]);
    // A record produced after the restart must still wait behind the key's parked records. The
    // restart can outlast k1#1's 2.5 s delay (under KIP-848 a member that joins within the broker's
    // consumer.assignment.interval.ms of the last assignment gets its partitions only at its next
    // heartbeat, 5 s on), so the last retries wait until k1#4 is parked: else k1#1..3 may all be
    // handled before k1#4 comes, and k1#4 rightly goes at its first attempt.
    let release!: () => void;
    hold.until = new Promise((resolve) => (release = resolve));
    app = await startKafkaApp([orderedListener(topic, groupId, handled, tries, hold)]);
    const retryLog = async () =>
      [...(await endOffsets(`${topic}.retry.1`)).values()].reduce((a, o) => a + Number(o), 0);
    const beforeK1Parked = await retryLog();
    await app.get(KafkaProducer).send(topic, [event('k1', 4), event('k3', 3)]);
    // Nothing else is written to the first retry topic now: k1#4 parked is the only new record.
    await waitFor('k1#4 parked in the first retry topic', async () => (await retryLog()) > beforeK1Parked);
    release();

    await waitFor('every k1 record handled', () => k1Seqs().length === 5, { timeoutMs: 30_000 });
    await waitFor('k2#1 and #2 handled', () => handled.filter((h) => h.key === 'k2').length === 2, {
      timeoutMs: 30_000,
    });
    // k3 may sit on a partition of its own, fetched apart from k1's and k2's after the restart.
    await waitFor('k3#3 handled', () => handled.filter((h) => h.key === 'k3').length === 4, {
      timeoutMs: 30_000,
    });

    // Per-key order holds; the broken record went to the DLQ and its key's later records followed.
    expect(k1Seqs()).toEqual([0, 1, 2, 3, 4]);
    expect(handled.filter((h) => h.key === 'k2').map((h) => h.seq)).toEqual([1, 2]);
    expect(handled.filter((h) => h.key === 'k3').map((h) => h.seq)).toEqual([0, 1, 2, 3]);
    // Invalid and non-JSON records go straight to the DLQ and park nothing.
    const dlq = await readAll(`${topic}.dlq`, 3);
    const reasons = dlq.map((r) => `${r.value!.toString()} ${r.headers[DLQ_HEADERS.reason]}`).sort();
    expect(reasons).toEqual([
      '<not json> deserialization',
      JSON.stringify({ key: 'k2', seq: 0, kind: 'broken' }) + ' retries-exhausted',
      JSON.stringify({ key: 'k3', seq: 'not a number', kind: 'ok' }) + ' validation',
    ]);
    // Every input accounted for: 14 sent, 11 handled, 3 dead-lettered.
    expect(handled).toHaveLength(11);
    expect(handled.length + dlq.length).toBe(14);
    // k3#3 was not held by k1: other keys are never parked.
    const k3Last = handled.find((h) => h.key === 'k3' && h.seq === 3)!;
    const k1Last = handled.find((h) => h.key === 'k1' && h.seq === 4)!;
    expect(k3Last.attempt).toBe(0);
    expect(k1Last.attempt).toBeGreaterThan(0);
    // Never early.
    for (const h of handled) if (h.attempt > 0) expect(h.at).toBeGreaterThanOrEqual(h.dueAt);
  });

  it('gives partition p of the topic and of its retry topics to the same member of a group', async () => {
    const topic = uniqueName('ordered-copart');
    const groupId = uniqueName('ordered-copart-group');
    const handled: Handled[] = [];
    const tries: string[] = [];
    app = await startKafkaApp([orderedListener(topic, groupId, handled, tries)]);
    const second = await startKafkaApp([orderedListener(topic, groupId, handled, tries)]);
    try {
      const assignments = await waitFor('both members to hold one partition', () => {
        const a = app!.get(ConsumerStateService).get(groupId)?.assignment ?? {};
        const b = second.get(ConsumerStateService).get(groupId)?.assignment ?? {};
        return a[topic]?.length === 1 && b[topic]?.length === 1 && [a, b];
      });
      for (const assignment of assignments) {
        const [p] = assignment[topic]!;
        expect(assignment[`${topic}.retry.1`]).toEqual([p]);
        expect(assignment[`${topic}.retry.2`]).toEqual([p]);
      }
      // Keys on both partitions keep their order while retried across the two members.
      await app.get(KafkaProducer).send(topic, [
        { ...event('a', 0, 'flaky'), partition: 0 },
        { ...event('a', 1), partition: 0 },
        { ...event('b', 0, 'flaky'), partition: 1 },
        { ...event('b', 1), partition: 1 },
      ]);
      await waitFor('all four handled', () => handled.length === 4, { timeoutMs: 30_000 });
      expect(handled.filter((h) => h.key === 'a').map((h) => h.seq)).toEqual([0, 1]);
      expect(handled.filter((h) => h.key === 'b').map((h) => h.seq)).toEqual([0, 1]);
    } finally {
      await second.close();
    }
  });
});
