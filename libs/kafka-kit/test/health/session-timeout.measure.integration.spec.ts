// On demand (MEASURE_SESSION_TIMEOUTS=10,30,45 seconds): what a session timeout costs after a
// kill -9 (how long the group stalls) and what a short one costs under a process pause (a
// spurious rebalance). Prints the figures the README quotes; skipped unless asked for, since
// one point takes about a session timeout and a half.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import {
  ConsumerStateService,
  Ctx,
  KafkaConsumer,
  KafkaContext,
  KafkaListener,
  KafkaProducer,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildApp, type ChildApp } from '../child-app.js';
import { withAdmin } from '../kafka-inspect.js';
import { createTopics, kafkaBrokers, startKafkaApp, uniqueName, waitFor } from '../support.js';

const POINTS = (process.env.MEASURE_SESSION_TIMEOUTS ?? '')
  .split(',')
  .filter((s) => s.trim() !== '')
  .map((s) => Number(s) * 1000);

/** When each partition's records were handled, by any in-process member. */
const handled = new Map<number, number[]>();

function member(topic: string, groupId: string, sessionTimeoutMs: number) {
  @Injectable()
  @KafkaConsumer({ groupId, fromBeginning: true, sessionTimeoutMs, heartbeatIntervalMs: 1000 })
  class Member {
    @KafkaListener(topic, { format: 'string' })
    async handle(@Ctx() ctx: KafkaContext) {
      const times = handled.get(ctx.partition) ?? [];
      times.push(Date.now());
      handled.set(ctx.partition, times);
    }
  }
  return Member;
}

/**
 * The longest time a partition went without a record handled in this process in [from, to],
 * counted from `from` (a partition the child was handling has none here until it moves).
 */
function longestGap(partition: number, from: number, to: number): number {
  const times = [from, ...(handled.get(partition) ?? []).filter((t) => t >= from && t <= to), to];
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, times[i]! - times[i - 1]!);
  return gap;
}

describe.runIf(POINTS.length > 0)('session timeouts, measured', () => {
  let child: ChildApp | undefined;
  const apps: INestApplicationContext[] = [];
  let producing = false;
  afterEach(async () => {
    producing = false;
    child?.process.kill('SIGKILL');
    for (const app of apps.splice(0)) await app.close().catch(() => undefined);
    handled.clear();
  });

  /** Two members on 2 partitions (the child and one in-process), records flowing to both. */
  async function twoMembers(sessionTimeoutMs: number) {
    const topic = uniqueName('session');
    const groupId = uniqueName('session-group');
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 2 }]));
    child = await startChildApp('steady-consumer.app.ts', {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
      SESSION_TIMEOUT_MS: String(sessionTimeoutMs),
    });
    await waitFor('the child to join', () => child!.output().includes('ready'), { timeoutMs: 60_000 });
    const app = await startKafkaApp([member(topic, groupId, sessionTimeoutMs)]);
    apps.push(app);
    const state = app.get(ConsumerStateService);
    await waitFor('the members to share the partitions', () => {
      const g = state.get(groupId);
      return g?.state === 'running' && Object.values(g.assignment).flat().length === 1;
    });
    const mine = Object.values(state.get(groupId)!.assignment).flat()[0]!;
    const producer = app.get(KafkaProducer);
    producing = true;
    void (async () => {
      while (producing) {
        await producer.send(
          topic,
          [0, 1].map((partition) => ({ partition, value: 'x' })),
        );
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await waitFor('records flowing on my partition', () => (handled.get(mine)?.length ?? 0) > 20);
    return { topic, groupId, state, mine, theirs: 1 - mine };
  }

  it.each(POINTS)(
    'kill -9 with a restart at once, session timeout %i ms: the whole group waits',
    async (session) => {
      const { topic, groupId, mine, theirs } = await twoMembers(session);
      const killedAt = Date.now();
      child!.process.kill('SIGKILL');
      // The replacement joins at once, as a restarted pod would: the rebalance starts now and
      // waits for the dead member until its session times out.
      apps.push(await startKafkaApp([member(topic, groupId, session)]));
      await waitFor(
        'both partitions handled again, a second past the stall',
        () =>
          [mine, theirs].every(
            (p) =>
              (handled.get(p)?.at(-1) ?? 0) > killedAt + 1000 &&
              longestGap(p, Date.now() - 1000, Date.now()) < 500,
          ),
        { timeoutMs: session + 60_000, intervalMs: 200 },
      );
      const end = Date.now();
      const survivor = longestGap(mine, killedAt, end);
      const dead = longestGap(theirs, killedAt, end);
      console.log(
        `[session ${session / 1000} s] kill -9 + restart: the survivor's partition stalled ${survivor} ms, the dead member's ${dead} ms`,
      );
      expect(dead).toBeGreaterThan(session * 0.5);
      expect(dead).toBeLessThan(session + 15_000);
    },
    180_000,
  );

  it.each(POINTS)(
    'kill -9 without a restart, session timeout %i ms: only its partitions wait',
    async (session) => {
      const { mine, theirs } = await twoMembers(session);
      const killedAt = Date.now();
      child!.process.kill('SIGKILL');
      await waitFor(
        "the dead member's partition handled here",
        () => (handled.get(theirs)?.at(-1) ?? 0) > killedAt,
        { timeoutMs: session + 60_000, intervalMs: 100 },
      );
      const end = Date.now();
      const dead = longestGap(theirs, killedAt, end);
      const survivor = longestGap(mine, killedAt, end);
      console.log(
        `[session ${session / 1000} s] kill -9, no restart: the dead member's partition waited ${dead} ms, the survivor's stalled ${survivor} ms`,
      );
      expect(dead).toBeGreaterThan(session * 0.5);
      expect(survivor).toBeLessThan(session * 0.5);
    },
    180_000,
  );

  it.each(POINTS)(
    'a 12 s process pause (SIGSTOP), session timeout %i ms',
    async (session) => {
      const { groupId, state, mine } = await twoMembers(session);
      const before = state.get(groupId)!.rebalances;
      const pausedAt = Date.now();
      child!.process.kill('SIGSTOP');
      await new Promise((r) => setTimeout(r, 12_000)); // the pause being measured, not a wait for a condition
      child!.process.kill('SIGCONT');
      await new Promise((r) => setTimeout(r, 8000)); // time for a rebalance to show, if any
      const end = Date.now();
      const rebalances = state.get(groupId)!.rebalances - before;
      console.log(
        `[session ${session / 1000} s] 12 s pause: ${rebalances} rebalance(s) seen by the other member, its own partition stalled ${longestGap(mine, pausedAt, end)} ms`,
      );
      expect(rebalances > 0).toBe(session < 12_000);
    },
    180_000,
  );
});
