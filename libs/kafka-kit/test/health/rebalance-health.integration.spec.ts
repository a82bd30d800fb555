// A group held in a rebalance by a member that died (the coordinator waits for its session to
// time out) must show as rebalancing since T on readiness, liveness and the lag check. Under
// KIP-848 no rebalance stops the group: the live member goes on consuming and stays healthy, and
// only the dead member's partition waits for its session to time out.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { ConsumerStateService, Ctx, KafkaConsumer, KafkaListener, type KafkaContext } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { startChildApp, type ChildApp } from '../child-app.js';
import {
  KIP848_ENV,
  KIP848_OPTIONS,
  onKip848,
  onPlatformatic,
} from '../../../../tools/test/kafka-client-options.js';
import { produceRaw, withAdmin } from '../kafka-inspect.js';
import { createTopics, kafkaBrokers, startKafkaApp, uniqueName, waitFor } from '../support.js';
import { startHealthApp, type HealthApp } from './health-app.js';

const SESSION_TIMEOUT_MS = 10_000;

function member(topic: string, groupId: string, handled: (partition: number) => void = () => {}) {
  @Injectable()
  @KafkaConsumer({
    groupId,
    fromBeginning: true,
    sessionTimeoutMs: SESSION_TIMEOUT_MS,
    heartbeatIntervalMs: 1000,
  })
  class Member {
    @KafkaListener(topic, { format: 'string' })
    async handle(@Ctx() ctx: KafkaContext) {
      handled(ctx.partition);
    }
  }
  return Member;
}

describe('health during a rebalance held by a dead member', () => {
  let child: ChildApp | undefined;
  let health: HealthApp | undefined;
  let joiner: Promise<INestApplicationContext> | undefined;
  afterEach(async () => {
    child?.process.kill('SIGKILL');
    await health?.close();
    await (await joiner?.catch(() => undefined))?.close();
  });

  /** A topic of 2 partitions and a member of its group in a child process (to kill -9), joined. */
  async function startChildMember(env: Record<string, string> = {}) {
    const topic = uniqueName('rebalance');
    const groupId = uniqueName('rebalance-group');
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 2 }]));
    child = await startChildApp('steady-consumer.app.ts', {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      TOPIC: topic,
      GROUP_ID: groupId,
      SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      ...env,
    });
    await waitFor('the child to join', () => child!.output().includes('ready'), { timeoutMs: 60_000 });
    return { topic, groupId };
  }

  it.skipIf(onKip848())(
    'says rebalancing since T on readiness and the lag check at once, on liveness once stuck',
    async () => {
      const { topic, groupId } = await startChildMember();
      health = await startHealthApp([member(topic, groupId)], {
        stuckRebalanceMs: 2000,
        lag: { intervalMs: 300 },
      });
      const state = health.app.get(ConsumerStateService);
      await waitFor('both members to share the partitions', () => {
        const g = state.get(groupId);
        return g?.state === 'running' && Object.values(g.assignment).flat().length === 1;
      });

      child!.process.kill('SIGKILL');
      // A new member joins: the coordinator waits for the dead one until its session times out.
      joiner = startKafkaApp([member(topic, groupId)]);
      const since = await waitFor(
        'this member to see the rebalance',
        () => state.get(groupId)?.rebalancingSince,
      );

      const ready = await waitFor('readiness down, saying since when', async () => {
        const r = await health!.get('/health/ready');
        return r.status === 503 && r;
      });
      expect(JSON.stringify(ready.health.details)).toContain(`"rebalancingSince":${since}`);
      const lag = await waitFor('the lag check to say the group is rebalancing', async () => {
        const r = await health!.get('/health');
        const groups = (r.health.details.kafka_lag as { groups?: { groupId: string; reasons: string[] }[] })
          .groups;
        return groups?.find(
          (g) => g.groupId === groupId && g.reasons.some((x) => x.startsWith('rebalancing since')),
        );
      });
      expect(lag.reasons[0]).toContain(new Date(since).toISOString());
      const live = await waitFor('liveness down once the rebalance is stuck (2 s)', async () => {
        const r = await health!.get('/health/live');
        return r.status === 503 && r;
      });
      expect(live.health.details.kafka_consumers_live).toMatchObject({
        status: 'down',
        problems: [{ groupId, reason: 'rebalancing', since }],
      });

      // The dead member's session ends, the group settles, and every view recovers.
      await waitFor('the group to settle', () => state.get(groupId)?.state === 'running', {
        timeoutMs: SESSION_TIMEOUT_MS + 20_000,
      });
      expect(state.get(groupId)?.rebalancingSince).toBeUndefined();
      expect((await health.get('/health/live')).status).toBe(200);
      expect((await health.get('/health/ready')).status).toBe(200);
    },
    120_000,
  );

  it.runIf(onPlatformatic())(
    'under KIP-848: the live member consumes on and stays healthy; the dead one’s partition waits for its session',
    async () => {
      const { topic, groupId } = await startChildMember(KIP848_ENV);
      const handledAt = new Map<number, number>();
      health = await startHealthApp(
        [member(topic, groupId, (p) => handledAt.set(p, handledAt.get(p) ?? Date.now()))],
        { stuckRebalanceMs: 2000, lag: { intervalMs: 300 } },
        KIP848_OPTIONS,
      );
      const state = health.app.get(ConsumerStateService);
      const mine = await waitFor('both members to share the partitions', () => {
        const g = state.get(groupId);
        const owned = Object.values(g?.assignment ?? {}).flat();
        return g?.state === 'running' && owned.length === 1 && owned[0]!;
      });
      const theirs = 1 - mine;

      child!.process.kill('SIGKILL');
      const killedAt = Date.now();
      await produceRaw(topic, [
        { key: null, value: 'live', partition: mine },
        { key: null, value: 'orphan', partition: theirs },
      ]);
      await waitFor('the live member to handle its own partition at once', () => handledAt.has(mine));
      expect(handledAt.get(mine)! - killedAt).toBeLessThan(SESSION_TIMEOUT_MS / 2);
      expect(handledAt.has(theirs)).toBe(false);
      expect(state.get(groupId)?.state).toBe('running');
      for (const path of ['/health/ready', '/health/live']) expect((await health.get(path)).status).toBe(200);

      // The dead member's session ends (its last heartbeat came at most 1 s before the kill):
      // its partition moves to the live member, which handles the record waiting there.
      await waitFor('the dead member’s partition handled by the live one', () => handledAt.has(theirs), {
        timeoutMs: SESSION_TIMEOUT_MS + 20_000,
      });
      expect(handledAt.get(theirs)! - killedAt).toBeGreaterThanOrEqual(SESSION_TIMEOUT_MS - 1500);
      await waitFor('the group to settle', () => state.get(groupId)?.state === 'running');
      expect(Object.values(state.get(groupId)!.assignment).flat().sort()).toEqual([0, 1]);
      expect((await health.get('/health/ready')).status).toBe(200);
    },
    120_000,
  );
});
