// One stuck handler must not stop its siblings (issue 16, part 4): a hung record goes to its
// error strategy after handlerTimeoutMs, and without a timeout readiness goes down once the
// broker no longer counts the member.
import { Injectable } from '@nestjs/common';
import { Ctx, KafkaConsumer, KafkaContext, KafkaListener, KafkaProducer, Key, Payload } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { gate, startHealthApp, type HealthApp } from './health/health-app.js';
import { readAll, withAdmin } from './kafka-inspect.js';
import { uniqueName, waitFor } from './support.js';
import { onPlatformatic } from '../../../tools/test/kafka-client-options.js';

const TIMEOUT_MS = 1500;

describe('a hung handler', () => {
  let app: HealthApp | undefined;
  let hang = gate();
  afterEach(async () => {
    hang.open();
    await app?.close();
    app = undefined;
  });

  it('goes to its error strategy after handlerTimeoutMs, naming where, while the other partitions flow', async () => {
    hang = gate();
    const topic = uniqueName('hung');
    const groupId = uniqueName('hung-group');
    const handledAt = new Map<string, number>();
    const aborted: unknown[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true, concurrency: 3 })
    class Hung {
      @KafkaListener(topic, {
        topic: { partitions: 3 },
        handlerTimeoutMs: TIMEOUT_MS,
        errorHandling: { strategy: 'dead-letter' },
      })
      async handle(
        @Payload() job: { id: string; sentAt: number },
        @Key() key: string,
        @Ctx() ctx: KafkaContext,
      ) {
        if (key === 'hang') {
          ctx.signal.addEventListener('abort', () => aborted.push(ctx.signal.reason));
          await hang.promise; // never resolves by itself: the test opens it at the end
        }
        handledAt.set(job.id, Date.now());
      }
    }

    app = await startHealthApp([Hung], { stuckHandlerMs: 600_000, lag: { intervalMs: 1000 } });
    const producer = app.app.get(KafkaProducer);
    await producer.send(
      topic,
      [0, 1, 2].map((p) => ({ key: 'warm', partition: p, value: { id: `w${p}`, sentAt: 0 } })),
    );
    await waitFor('the group to handle one record per partition', () => handledAt.size === 3);

    const hungAt = Date.now();
    await producer.send(topic, { key: 'hang', partition: 0, value: { id: 'hang', sentAt: hungAt } });
    // Siblings' records arrive all through the hang and after it, 100 ms apart.
    const sent: { id: string; sentAt: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const job = { id: `s${i}`, sentAt: Date.now() };
      sent.push(job);
      await producer.send(topic, { key: `k${i}`, partition: 1 + (i % 2), value: job });
      await new Promise((r) => setTimeout(r, 100));
    }
    await producer.send(topic, { key: 'after', partition: 0, value: { id: 'after', sentAt: Date.now() } });
    await waitFor('every sibling record and the one after the hung record', () =>
      [...sent.map((s) => s.id), 'after'].every((id) => handledAt.has(id)),
    );

    // The hung record went to the DLQ with the reason, and its partition went on past it.
    const [dead] = await readAll(`${topic}.dlq`, 1);
    expect(dead).toMatchObject({ partition: 0 });
    expect(dead!.headers['x-dlq-reason']).toBe('handler-timeout');
    expect(dead!.headers['x-dlq-error-class']).toBe('HandlerTimeoutError');
    expect(dead!.headers['x-dlq-error-message']).toContain(
      `Listener Hung.handle did not finish record ${topic}[0]@1 within its handlerTimeoutMs of ${TIMEOUT_MS} ms`,
    );
    expect(aborted).toEqual([expect.objectContaining({ name: 'HandlerTimeoutError' })]);
    expect(handledAt.has('hang')).toBe(false);

    // kafkajs fetches again only once every partition's batch of a fetch returned: a sibling
    // record that arrived during the hang waited for the timeout, never longer (plus slack).
    const delays = sent.map((s) => handledAt.get(s.id)! - s.sentAt);
    const duringHang = sent
      .filter((s) => s.sentAt < hungAt + TIMEOUT_MS)
      .map((s) => handledAt.get(s.id)! - s.sentAt);
    console.log(
      `[handler-timeout] sibling delays: max ${Math.max(...delays)} ms, during the hang max ${Math.max(...duringHang)} ms, after it max ${Math.max(...delays.slice(duringHang.length))} ms (timeout ${TIMEOUT_MS} ms)`,
    );
    expect(Math.max(...delays)).toBeLessThan(TIMEOUT_MS + 2000);
  }, 60_000);

  // Registered on kafkajs only: kafkajs heartbeats between batches, so a hung handler gets the
  // member dropped by the broker. @platformatic/kafka heartbeats on its own timer, so the member
  // stays; there a hung handler is told by the stuck-handler check (stuckHandlerMs) instead.
  if (!onPlatformatic())
    it('takes readiness down once the broker dropped the member, when no timeout is set', async () => {
      hang = gate();
      const topic = uniqueName('dropped');
      const groupId = uniqueName('dropped-group');
      let handled = 0;

      @Injectable()
      @KafkaConsumer({
        groupId,
        fromBeginning: true,
        concurrency: 2,
        sessionTimeoutMs: 6000,
        heartbeatIntervalMs: 1000,
      })
      class Stuck {
        @KafkaListener(topic, { format: 'string', topic: { partitions: 2 } })
        async handle(@Key() key: string) {
          if (key === 'hang') await hang.promise;
          handled++;
        }
      }

      app = await startHealthApp([Stuck], { stuckHandlerMs: 600_000 });
      const producer = app.app.get(KafkaProducer);
      await producer.send(topic, { key: 'warm', value: 'x' });
      await waitFor('one record handled', () => handled === 1);
      expect((await app.get('/health/ready')).status).toBe(200);

      const hungAt = Date.now();
      await producer.send(topic, { key: 'hang', partition: 0, value: 'x' });
      const down = await waitFor(
        'readiness down',
        async () => {
          const r = await app!.get('/health/ready');
          return r.status === 503 && r;
        },
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      const readyDownAfter = Date.now() - hungAt;
      const groups = (
        down.health.details.kafka_consumers_ready as unknown as {
          groups: { groupId: string; reason?: string }[];
        }
      ).groups;
      expect(groups.find((g) => g.groupId === groupId)?.reason).toMatch(
        /^no heartbeat for \d+ s, longer than the session timeout \(6 s\): the broker no longer counts this member$/,
      );
      const empty = await waitFor(
        'the broker to have dropped the member',
        () =>
          withAdmin(async (admin) => {
            const {
              groups: [g],
            } = await admin.describeGroups([groupId]);
            return g?.members.length === 0 && g.state;
          }),
        { timeoutMs: 20_000, intervalMs: 250 },
      );
      const brokerEmptyAfter = Date.now() - hungAt;
      console.log(
        `[handler-timeout] no timeout, session 6 s: readiness down ${readyDownAfter} ms after the hang, broker group ${empty} seen ${brokerEmptyAfter} ms after it`,
      );
      // Silence is counted from the last heartbeat, up to one heartbeat interval (1 s) before the
      // hang began; the broker drops the member at the session timeout after it, as readiness says.
      expect(readyDownAfter).toBeGreaterThan(6000 - 1000);
      expect(Math.abs(brokerEmptyAfter - readyDownAfter)).toBeLessThan(2000);

      // The handler returns: kafkajs finds itself out of the group, rejoins, readiness comes back.
      hang.open();
      await waitFor('readiness up again', async () => (await app!.get('/health/ready')).status === 200, {
        timeoutMs: 30_000,
      });
    }, 90_000);
});
