// The click pipeline as deployed: click-collector, two click-aggregator instances (one group,
// partitions split between them) and click-archiver (a second group), each its own process, on
// the real broker and a real PostgreSQL database. One aggregator is killed -9 mid-stream; checked
// only from outside: HTTP, Kafka's offsets and SQL.
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApps, startApp, type AppProcess } from '../../../tools/test/app-process.js';
import { kafkaBrokers, uniqueName, waitFor } from '../../../tools/test/helpers.js';
import { freshDatabase } from '../../../tools/test/postgres.js';

const REQUESTS = 60;
const CLICKS_PER_REQUEST = 50;
const KILL_AFTER_REQUESTS = 20;

const consumedTotal = async (app: AppProcess, topic: string) => {
  const text = await (await app.get('/metrics')).text();
  return [...text.matchAll(/^kafka_kit_records_consumed_total\{([^}]*)\} (\d+)/gm)]
    .filter((m) => m[1]!.includes(`topic="${topic}"`))
    .reduce((sum, m) => sum + Number(m[2]), 0);
};

describe('click pipeline: collector, two aggregators, archiver', () => {
  const prefix = `${uniqueName('e2e')}.`;
  const topic = `${prefix}click_log`;
  const apps: AppProcess[] = [];
  let sql: pg.Client;
  let env: Record<string, string>;

  beforeAll(async () => {
    buildApps();
    const databaseUrl = await freshDatabase('clicks');
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    env = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      DATABASE_URL: databaseUrl,
      KAFKA_NAME_PREFIX: prefix,
      // The broker's minimum: a member killed -9 gives its partitions up after 6 s, not 30.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    // The collector first: it creates the topic (3 partitions) the others subscribe to.
    apps.push(await startApp('click-collector', env));
    apps.push(
      ...(await Promise.all(
        ['click-aggregator', 'click-aggregator', 'click-archiver'].map((n) => startApp(n, env)),
      )),
    );
  }, 180_000);
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await sql?.end();
  });

  it('counts every posted click exactly once after an aggregator is killed -9 mid-stream; the archiver holds every click', async () => {
    const [collector, survivor, victim] = [apps[0]!, apps[1]!, apps[2]!];
    const pages = ['/', '/pricing', '/docs', '/blog', '/signup'];
    let posted = 0;
    let victimConsumed = 0;
    for (let r = 0; r < REQUESTS; r++) {
      const clicks = Array.from({ length: CLICKS_PER_REQUEST }, (_, i) => ({
        userId: `user-${(r * CLICKS_PER_REQUEST + i) % 97}`,
        page: pages[i % pages.length],
      }));
      const res = await collector.post('/clicks', clicks);
      expect(res.status, await res.clone().text()).toBe(202);
      expect(((await res.json()) as { accepted: number }).accepted).toBe(CLICKS_PER_REQUEST);
      posted += CLICKS_PER_REQUEST;
      if (r === KILL_AFTER_REQUESTS) {
        // Mid-stream: the victim has counted records whose offsets Kafka may not have yet.
        await waitFor('the victim to be counting', async () => (await consumedTotal(victim, topic)) > 0);
        victimConsumed = await consumedTotal(victim, topic);
        await victim.kill9();
      }
    }

    const stats = async () =>
      (await (await survivor.get('/stats')).json()) as { total: number; pages: Record<string, number> };
    let last: Awaited<ReturnType<typeof stats>> | undefined;
    const counted = await waitFor(
      'the surviving aggregator to count every click',
      async () => {
        last = await stats();
        return last.total >= posted && last;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    ).catch((err: Error) => {
      // What the survivor counted and said, so a failure in CI can be read from its log.
      const tail = survivor.output().trimEnd().split('\n').slice(-30).join('\n');
      throw new Error(`${err.message}: counted ${last?.total} of ${posted}; the survivor printed:\n${tail}`);
    });
    // Every partition consumed to its end by the group: nothing more can arrive to double-count.
    const kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        'the group to commit every offset',
        async () => {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({
            groupId: `${prefix}click-aggregator`,
            topics: [topic],
          });
          return ends.every(
            (e) => committed!.partitions.find((p) => p.partition === e.partition)?.offset === e.high,
          );
        },
        { timeoutMs: 30_000 },
      );
    } finally {
      await admin.disconnect();
    }
    const final = await stats();
    const redelivered = victimConsumed + (await consumedTotal(survivor, topic)) - posted;
    console.log(
      `[e2e] ${posted} clicks posted, 1 aggregator killed -9 after ${victimConsumed} records; counted ${final.total} ` +
        `(lost ${posted - final.total}, double-counted ${Math.max(0, final.total - posted)}); ` +
        `at least ${Math.max(0, redelivered)} records redelivered and skipped`,
    );
    expect(counted.total).toBe(posted);
    expect(final.total).toBe(posted);
    expect(Object.values(final.pages).reduce((a, b) => a + b, 0)).toBe(posted);
    // The same through SQL.
    const { rows } = await sql.query<{ n: string }>('SELECT sum(clicks)::text AS n FROM click_counts');
    expect(Number(rows[0]!.n)).toBe(posted);

    const archived = await waitFor(
      'the archiver to hold every click',
      async () => {
        const { rows: a } = await sql.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM raw_clicks WHERE topic = $1',
          [topic],
        );
        return a[0]!.n >= posted && a[0]!.n;
      },
      { timeoutMs: 30_000 },
    );
    expect(archived).toBe(posted);
    const { rows: perPartition } = await sql.query<{ n: number; lo: string; hi: string }>(
      'SELECT count(*)::int AS n, min("offset")::text AS lo, max("offset")::text AS hi FROM raw_clicks WHERE topic = $1 GROUP BY partition',
      [topic],
    );
    // Gap-free: each partition's offsets 0..n-1, every one archived.
    for (const p of perPartition) expect([Number(p.lo), Number(p.hi)]).toEqual([0, p.n - 1]);
  }, 150_000);
});
