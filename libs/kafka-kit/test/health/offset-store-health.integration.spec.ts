// A listener's offset store that cannot be read (its PostgreSQL server is down) is a health fact:
// readiness down with the reason, the partitions STOP in every view of the one evaluation, liveness
// untouched, and one log line when it starts failing and one when it answers again.
import { Injectable } from '@nestjs/common';
import {
  Ctx,
  KafkaConsumer,
  KafkaDashboardModule,
  KafkaListener,
  KafkaProducer,
  Payload,
  PostgresOffsetStore,
  StoppedPartitionsService,
  type KafkaContext,
  type SqlQueryable,
} from 'nest-kafka-kit';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../../../tools/test/postgres-server.js';
import { CapturingLogger } from '../capturing-logger.js';
import { uniqueName, waitFor } from '../support.js';
import { startHealthApp, type HealthApp } from './health-app.js';

const STATUS_NAMES = ['NOTFOUND', 'OK', 'WARN', 'ERR'];

describe('an offset store that cannot be read, on real PostgreSQL', () => {
  let app: HealthApp | undefined;
  let server: PostgresServer | undefined;
  let pool: pg.Pool | undefined;
  afterEach(async () => {
    await app?.close();
    await pool?.end();
    await server?.stop();
    app = server = pool = undefined;
  });

  it('holds its partitions with readiness down and the reason in every view, logged once each way', async () => {
    const topic = uniqueName('store-down');
    const groupId = uniqueName('store-down-group');
    server = await startPostgres();
    // The pool's idle connections fail when the server stops; the app's own pool would say so too.
    pool = new pg.Pool({ connectionString: server.url, max: 2, connectionTimeoutMillis: 2000 });
    pool.on('error', () => undefined);
    await new PostgresOffsetStore({ database: pool }).init();
    await pool.query('CREATE TABLE applied (value text NOT NULL)');
    await server.halt();

    const applied: string[] = [];
    // createTable off: the table exists, and this instance starts while the database is down.
    const store = new PostgresOffsetStore({ database: pool, createTable: false });
    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Applier {
      @KafkaListener(topic, { format: 'string', offsetStore: store, topic: { partitions: 2 } })
      async handle(@Payload() value: string, @Ctx() ctx: KafkaContext) {
        await ctx.transaction<SqlQueryable>().query('INSERT INTO applied (value) VALUES ($1)', [value]);
        applied.push(value);
      }
    }
    const logger = new CapturingLogger();
    app = await startHealthApp(
      [Applier],
      { lag: { intervalMs: 250 } },
      {},
      { imports: [KafkaDashboardModule.forRoot({ pushIntervalMs: 200 })], logger },
    );
    await app.app.get(KafkaProducer).send(topic, [
      { value: 'a', partition: 0 },
      { value: 'b', partition: 1 },
    ]);

    const views = async () => {
      const [ready, live, health, metrics, page] = await Promise.all([
        app!.get('/health/ready'),
        app!.get('/health/live'),
        app!.get('/health'),
        app!.get('/metrics'),
        app!.get(`/kafka/dashboard/groups/${groupId}`),
      ]);
      type Readiness = { groups: { groupId: string; ready: boolean; reason?: string }[] };
      type Lag = {
        groups?: { groupId: string; status: string; reasons: string[]; partitions: { status: string }[] }[];
      };
      const readiness = (ready.health.details.kafka_consumers_ready as unknown as Readiness).groups.find(
        (g) => g.groupId === groupId,
      );
      const lag = (health.health.details.kafka_lag as Lag).groups?.find((g) => g.groupId === groupId);
      const metric = new RegExp(`kafka_consumergroup_lag_status\\{consumergroup="${groupId}"\\} (\\d)`).exec(
        metrics.text,
      );
      return {
        ready: ready.status,
        live: live.status,
        reason: readiness?.reason ?? '',
        verdict: [lag?.status ?? '-', ...(lag?.partitions.map((p) => p.status) ?? [])],
        reasons: lag?.reasons ?? [],
        metric: metric ? STATUS_NAMES[Number(metric[1])]! : '-',
        held: [...page.text.matchAll(/data-stopped="([^"]+)" data-kind="offset-store"/g)].map((m) => m[1]),
        waitingText: page.text.includes('waiting for its offset store'),
      };
    };

    const down = await waitFor(
      'readiness down and both partitions STOP in every view',
      async () => {
        const v = await views();
        return (
          v.ready === 503 &&
          v.verdict.join() === 'ERR,STOP,STOP' &&
          v.metric === 'ERR' &&
          v.held.length === 2 &&
          v
        );
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    expect(down.live).toBe(200);
    expect(down.reason).toMatch(
      new RegExp(`${topic}\\[0\\], ${topic}\\[1\\] held since .*: offset store unreadable: `),
    );
    expect(down.reasons.some((r) => r.includes('offset store unreadable'))).toBe(true);
    expect(down.held.sort()).toEqual([`${topic}:0`, `${topic}:1`]);
    expect(down.waitingText).toBe(true);
    expect(applied).toEqual([]);
    // No record was read, so there is nothing for an operator to retry or skip.
    const operator = app.app.get(StoppedPartitionsService);
    expect(() => operator.retry(groupId, topic, 0, 'alice')).toThrow(/waits for its offset store/);
    expect(() => operator.skip(groupId, topic, 1, { offset: '', by: 'alice', reason: 'x' })).toThrow(
      /waits for its offset store/,
    );

    // Several more attempts while down: still one ERROR line, the rest at debug.
    const consumerLines = () => logger.lines.filter((l) => l.context === `KafkaConsumer:${groupId}`);
    await waitFor(
      'three more load attempts',
      () => consumerLines().filter((l) => l.message.includes('still not loaded')).length >= 3,
      { timeoutMs: 20_000 },
    );
    const errors = consumerLines().filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(`cannot load stored offsets of ${topic}`);
    expect(
      consumerLines()
        .filter((l) => l.message.includes('still not loaded'))
        .every((l) => l.level === 'debug'),
    ).toBe(true);

    // The database is back: the partitions go on by themselves, once said.
    await server.resume();
    await waitFor('both records applied', () => applied.length === 2, { timeoutMs: 40_000 });
    const up = await waitFor('readiness up and no partition held', async () => {
      const v = await views();
      return v.ready === 200 && v.held.length === 0 && !v.verdict.includes('STOP') && v;
    });
    expect(up.reason).toBe('');
    expect(consumerLines().filter((l) => l.message.includes('answers again'))).toHaveLength(1);
    expect(consumerLines().filter((l) => l.level === 'error')).toHaveLength(1);
  }, 90_000);
});
