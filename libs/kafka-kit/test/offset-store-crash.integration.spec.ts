// The offset store's promise across crashes: a consumer killed -9 between its handler and the
// database commit, and one killed between the database commit and the Kafka commit; after the
// restarts every record's effect is in PostgreSQL exactly once (rows counted per record id).
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../tools/test/postgres.js';
import { startChildApp, type ChildApp } from './child-app.js';
import { committedOffsets, endOffsets, produceRaw, withAdmin } from './kafka-inspect.js';
import { createTopics, kafkaBrokers, uniqueName, waitFor } from './support.js';

const RECORDS = 200;

describe('offset store across kill -9', () => {
  let child: ChildApp | undefined;
  let db: pg.Pool;
  let url: string;
  beforeAll(async () => {
    url = await freshDatabase('offsets-crash');
    db = new pg.Pool({ connectionString: url });
    await db.query(
      'CREATE TABLE effects (id text NOT NULL, partition int NOT NULL, record_offset bigint NOT NULL)',
    );
  });
  afterEach(() => void child?.process.kill('SIGKILL'));
  afterAll(() => db.end());

  const count = async (sql: string, params: unknown[] = []) =>
    Number(((await db.query(sql, params)).rows[0] as { n: string }).n);

  it('applies every record exactly once after kills before and after the database commit', async () => {
    const topic = uniqueName('offsets-crash');
    const groupId = uniqueName('offsets-crash-group');
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 2 }]));
    await produceRaw(
      topic,
      Array.from({ length: RECORDS }, (_, i) => ({ key: `k${i}`, value: `c-${i}` })),
    );
    const run = async (env: Record<string, string>) => {
      child = await startChildApp('offset-store-consumer.app.ts', {
        KAFKA_BROKERS: kafkaBrokers().join(','),
        TOPIC: topic,
        GROUP_ID: groupId,
        DATABASE_URL: url,
        ...env,
      });
      return child;
    };
    const killed = async (c: ChildApp) => {
      await waitFor('the child to kill itself', () => c.process.signalCode === 'SIGKILL', {
        timeoutMs: 60_000,
      });
      const [, id, partition] = /kill point (\S+) (\d+) (\d+)/.exec(c.output())!;
      return { id: id!, partition: Number(partition) };
    };
    const stored = async (partition: number) =>
      count(
        'SELECT next_offset AS n FROM kafka_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3',
        [groupId, topic, partition],
      );
    const committed = async (partition: number) =>
      Number((await committedOffsets(groupId, topic)).get(partition));

    // (b) killed between the handler and the database commit: its row was never committed.
    const first = await killed(await run({ KILL_AFTER: '40', KILL_WHEN: 'before-db-commit' }));
    expect(await count('SELECT count(*) AS n FROM effects WHERE id = $1', [first.id])).toBe(0);
    expect(await count('SELECT count(*) AS n FROM effects')).toBe(39);

    // (a) killed between the database commit and the Kafka commit: the row and the offset are in
    // PostgreSQL, Kafka's committed offset is behind them (Kafka alone would redeliver them).
    const second = await killed(await run({ KILL_AFTER: '40', KILL_WHEN: 'after-db-commit' }));
    expect(await count('SELECT count(*) AS n FROM effects WHERE id = $1', [second.id])).toBe(1);
    expect(await count('SELECT count(*) AS n FROM effects')).toBe(79);
    const behind = (await stored(second.partition)) - (await committed(second.partition));
    expect(behind).toBeGreaterThan(0);

    // The third run is not killed: it finishes the topic from the stored offsets.
    await run({});
    await waitFor(
      'every record applied',
      async () => (await count('SELECT count(*) AS n FROM effects')) >= RECORDS,
      {
        timeoutMs: 60_000,
      },
    );
    const twice = await db.query('SELECT id FROM effects GROUP BY id HAVING count(*) <> 1');
    expect(twice.rows).toEqual([]);
    expect(await count('SELECT count(DISTINCT id) AS n FROM effects')).toBe(RECORDS);
    // Kafka's commits catch up with the store, so lag tools see the group done.
    const ends = await endOffsets(topic);
    await waitFor('Kafka commits at the end offsets', async () => {
      const c = await committedOffsets(groupId, topic);
      return [...ends].every(([p, end]) => c.get(p) === end);
    });
    console.log(
      `offset store crash proof: ${RECORDS} records, 2 kills -9 (before and after the db commit; ` +
        `Kafka was ${behind} records behind the store at the second), 0 lost, 0 applied twice`,
    );
  }, 180_000);
});
