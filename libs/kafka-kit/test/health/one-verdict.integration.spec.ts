// Every view (/health, Burrow's /v3, the lag-status metric, the dashboard) gives one verdict
// from one evaluation, the consumer's own facts included; a failing probe is logged once.
import { Injectable } from '@nestjs/common';
import {
  KafkaConsumer,
  KafkaDashboardModule,
  KafkaListener,
  KafkaProducer,
  Key,
  StoppedPartitionsService,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { CapturingLogger } from '../capturing-logger.js';
import { uniqueName, waitFor } from '../support.js';
import { gate, startHealthApp, type HealthApp } from './health-app.js';

interface Views {
  at: number;
  /** The group's status and its partitions' (p0, p1) in each view. */
  health: string[];
  burrow: string[];
  metric: string[];
  dashboard: string[];
}

const STATUS_NAMES = ['NOTFOUND', 'OK', 'WARN', 'ERR'];

describe('one verdict in every view', () => {
  let app: HealthApp | undefined;
  const hang = gate();
  afterEach(async () => {
    hang.open();
    await app?.close();
    app = undefined;
  });

  it('agrees on a partition stopped on error and a stuck handler, and logs each probe change once', async () => {
    const topic = uniqueName('one-verdict');
    const groupId = uniqueName('one-verdict-group');

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Faulty {
      @KafkaListener(topic, { format: 'string', topic: { partitions: 2 } })
      async handle(@Key() key: string | null) {
        if (key === 'poison') throw new Error('cannot apply this record');
        if (key === 'hang') await hang.promise;
      }
    }

    const logger = new CapturingLogger();
    app = await startHealthApp(
      [Faulty],
      { stuckHandlerMs: 1000, lag: { intervalMs: 250 } },
      {},
      { imports: [KafkaDashboardModule.forRoot({ pushIntervalMs: 200 })], logger },
    );
    const producer = app.app.get(KafkaProducer);
    const views = async (): Promise<Views> => {
      const at = Date.now();
      const [health, burrow, metrics, page] = await Promise.all([
        app!.get('/health'),
        app!.get(`/v3/kafka/local/consumer/${groupId}/lag`),
        app!.get('/metrics'),
        app!.get(`/kafka/dashboard/groups/${groupId}`),
      ]);
      type Lag = { groups?: { groupId: string; status: string; partitions: { status: string }[] }[] };
      const lag = (health.health.details.kafka_lag as Lag).groups?.find((g) => g.groupId === groupId);
      const v3 = (JSON.parse(burrow.text) as { status: { status: string; partitions: { status: string }[] } })
        .status;
      const metric = new RegExp(`kafka_consumergroup_lag_status\\{consumergroup="${groupId}"\\} (\\d)`).exec(
        metrics.text,
      );
      const badges = [...page.text.matchAll(/data-verdict="([A-Z]+)"/g)].map((m) => m[1]!);
      return {
        at,
        health: [lag?.status ?? '-', ...(lag?.partitions.map((p) => p.status) ?? [])],
        burrow: [v3.status, ...v3.partitions.map((p) => p.status)],
        metric: [metric ? STATUS_NAMES[Number(metric[1])]! : '-'],
        // The group's badge, then one per partition row.
        dashboard: badges.slice(0, 3),
      };
    };

    // Both partitions committed and sampled first, so every view knows the group.
    await producer.send(topic, [
      { key: 'a', value: 'ok', partition: 0 },
      { key: 'b', value: 'ok', partition: 1 },
    ]);
    await waitFor('every view to say OK', async () => {
      const v = await views();
      return v.health.join() === 'OK,OK,OK' && v.burrow[0] === 'OK' && v.metric[0] === 'OK' && v;
    });

    // A record that stops p0, then a handler that never returns on p1.
    const faultAt = Date.now();
    await producer.send(topic, { key: 'poison', value: 'x', partition: 0 });
    // The poll (and its time) at which each view first said ERR.
    const firstErr: Partial<Record<keyof Omit<Views, 'at'>, { poll: number; at: number }>> = {};
    let poll = 0;
    const stopped = await waitFor(
      'every view to say ERR with p0 STOP',
      async () => {
        const v = await views();
        poll++;
        for (const view of ['health', 'burrow', 'metric', 'dashboard'] as const)
          if (v[view][0] === 'ERR') firstErr[view] ??= { poll, at: v.at };
        return Object.keys(firstErr).length === 4 && v.health[1] === 'STOP' && v;
      },
      { intervalMs: 50 },
    );
    expect(stopped.health).toEqual(['ERR', 'STOP', 'OK']);
    expect(stopped.burrow).toEqual(['ERR', 'STOP', 'OK']);
    expect(stopped.dashboard).toEqual(['ERR', 'STOP', 'OK']);
    expect(stopped.metric).toEqual(['ERR']);
    const polls = Object.values(firstErr).map((f) => f.poll);
    // One evaluation: the views turn in the same poll, or the next when the fault lands while
    // one poll's requests are in flight (before: /health at 0.2 s, /v3 and the metric at 20 s).
    expect(Math.max(...polls) - Math.min(...polls)).toBeLessThanOrEqual(1);
    expect(Math.max(...Object.values(firstErr).map((f) => f.at)) - faultAt).toBeLessThan(5000);

    await producer.send(topic, { key: 'hang', value: 'x', partition: 1 });
    const stuck = await waitFor('every view to say p1 STALL', async () => {
      const v = await views();
      return v.health[2] === 'STALL' && v.burrow[2] === 'STALL' && v.dashboard[2] === 'STALL' && v;
    });
    expect(stuck.health).toEqual(['ERR', 'STOP', 'STALL']);
    expect(stuck.burrow).toEqual(stuck.health);
    expect(stuck.dashboard).toEqual(stuck.health);

    // Probed again and again while down: one warning, no ERROR with the JSON at every poll.
    for (let i = 0; i < 10; i++) expect((await app.get('/health/live')).status).toBe(503);
    const health = () => logger.lines.filter((l) => l.context === 'KafkaHealth');
    const downs = health().filter((l) => l.message.startsWith('/health/live is down'));
    expect(downs).toHaveLength(1);
    expect(downs[0]).toMatchObject({ level: 'warn' });
    expect(downs[0]!.message).toContain(`${groupId} stopped-partition ${topic}[0]@`);
    expect(downs[0]!.message).not.toContain('{');
    const healthErrors = logger.lines.filter(
      (l) => l.level === 'error' && ['HealthCheckService', 'KafkaHealth'].includes(l.context),
    );
    expect(healthErrors).toEqual([]);

    // Fixed: the hung handler returns, the poison is skipped; liveness says so, once.
    hang.open();
    const operator = app.app.get(StoppedPartitionsService);
    const [s] = operator.list();
    operator.skip(s!.groupId, s!.topic, s!.partition, { offset: s!.offset, by: 'test', reason: 'poison' });
    await waitFor('liveness up again', async () => (await app!.get('/health/live')).status === 200);
    for (let i = 0; i < 5; i++) await app.get('/health/live');
    expect(health().filter((l) => l.message === '/health/live is up again')).toHaveLength(1);
  }, 60_000);
});
