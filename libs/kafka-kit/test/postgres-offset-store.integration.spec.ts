// PostgresOffsetStore's own rules, on a real PostgreSQL server through pg and on PGlite.
import { PostgresOffsetStore, type PgliteLike, type PgPoolLike } from 'nest-kafka-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tools/test/postgres.js';

describe.each(testDatabases())('PostgresOffsetStore on %s', (_, open) => {
  let db: PgPoolLike | PgliteLike;
  let close: () => Promise<void>;
  let store: PostgresOffsetStore;
  const at = (partition: number, from: string, next: string) => ({
    groupId: 'g',
    topic: 't',
    partition,
    from,
    next,
  });
  beforeAll(async () => {
    ({ db, close } = await open());
    store = new PostgresOffsetStore({ database: db, table: 'public.offsets' });
    await store.init();
    await store.init(); // idempotent: a second instance starting finds the table
  });
  afterAll(() => close());

  it('loads only the asked partitions of the group and topic; none stored is absent', async () => {
    await store.transaction(async (tx) => {
      await store.save(tx, at(0, '0', '10'));
      await store.save(tx, at(1, '0', '20'));
      await store.save(tx, { ...at(2, '0', '30'), groupId: 'other' });
    });
    expect(await store.load('g', 't', [0, 2])).toEqual(new Map([[0, '10']]));
  });

  it('moves forward, and refuses to save records the stored offset is already past', async () => {
    await store.transaction((tx) => store.save(tx, at(3, '0', '5')));
    expect(await store.transaction((tx) => store.save(tx, at(3, '5', '6')))).toBe(true);
    // A consumer that still holds an older position (a rebalance's previous owner) saves nothing.
    expect(await store.transaction((tx) => store.save(tx, at(3, '4', '7')))).toBe(false);
    expect((await store.load('g', 't', [3])).get(3)).toBe('6');
  });

  it('lets only one of two transactions that apply the same record at once save it', async () => {
    await store.transaction((tx) => store.save(tx, at(5, '0', '100')));
    const both = await Promise.all(
      [1, 2].map(() => store.transaction((tx) => store.save(tx, at(5, '100', '101')))),
    );
    expect(both.sort()).toEqual([false, true]);
  });

  it("rolls the handler's writes and the offset back together when the work throws", async () => {
    await db.query('CREATE TABLE effects (id text)');
    await expect(
      store.transaction(async (tx) => {
        await tx.query('INSERT INTO effects VALUES ($1)', ['a']);
        await store.save(tx, at(4, '0', '1'));
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect((await db.query('SELECT * FROM effects')).rows).toEqual([]);
    expect(await store.load('g', 't', [4])).toEqual(new Map());
  });
});
