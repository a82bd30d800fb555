// Offsets kept in the application's database, on the real broker and a real PostgreSQL server
// (and PGlite): seek on assignment, one transaction per record or batch, routed records' offsets
// saved only after their DLQ or retry-topic write, nothing of a rolled-back transaction left behind.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import {
  Ctx,
  KafkaConsumer,
  KafkaListener,
  Payload,
  PostgresOffsetStore,
  type KafkaBatchContext,
  type KafkaContext,
  type OffsetPosition,
  type OffsetStore,
  type PgliteLike,
  type PgPoolLike,
  type SqlQueryable,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tools/test/postgres.js';
import { committedOffsets, endOffsets, produceRaw, withAdmin } from './kafka-inspect.js';
import { createTopics, startKafkaApp, uniqueName, waitFor } from './support.js';

const APPLIED_DDL = `CREATE TABLE IF NOT EXISTS applied (
  topic text NOT NULL, partition int NOT NULL, record_offset bigint NOT NULL, id text NOT NULL,
  seq bigserial)`;

/** Rows applied per partition, as offsets in order. */
async function appliedOffsets(db: SqlQueryable, topic: string): Promise<Map<number, number[]>> {
  const { rows } = await db.query(
    'SELECT partition, record_offset::int AS o FROM applied WHERE topic = $1 ORDER BY partition, record_offset',
    [topic],
  );
  const out = new Map<number, number[]>();
  for (const { partition, o } of rows as { partition: number; o: number }[])
    out.set(partition, [...(out.get(partition) ?? []), o]);
  return out;
}

async function storedOffsets(
  store: OffsetStore,
  groupId: string,
  topic: string,
): Promise<Map<number, string>> {
  return new Map(await store.load(groupId, topic, [0, 1]));
}

function insertApplied(tx: SqlQueryable, ctx: KafkaContext, id: string): Promise<unknown> {
  return tx.query('INSERT INTO applied (topic, partition, record_offset, id) VALUES ($1, $2, $3, $4)', [
    ctx.topic,
    ctx.partition,
    ctx.offset,
    id,
  ]);
}

/** The store, with `beforeSave` run inside each save's transaction, before the save. */
function watchingSaves(
  store: PostgresOffsetStore,
  beforeSave: (position: OffsetPosition) => Promise<void>,
): OffsetStore<SqlQueryable> {
  return {
    init: () => store.init(),
    load: (g, t, p) => store.load(g, t, p),
    transaction: (work) => store.transaction(work),
    save: async (tx, position) => {
      await beforeSave(position);
      return store.save(tx, position);
    },
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe.each(testDatabases())('offset store on %s', (_, open) => {
  let app: INestApplicationContext | undefined;
  let db: PgPoolLike | PgliteLike;
  let store: PostgresOffsetStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await open());
    store = new PostgresOffsetStore({ database: db });
    await db.query(APPLIED_DDL);
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => close());

  it('starts each partition at its stored offset, else at Kafka committed one, and applies each record once', async () => {
    const topic = uniqueName('offsets-seek');
    const groupId = uniqueName('offsets-seek-group');
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 2 }]));
    await produceRaw(
      topic,
      [0, 1].flatMap((partition) =>
        range(0, 10).map((i) => ({ key: null, value: `p${partition}-${i}`, partition })),
      ),
    );
    // Partition 0: the store says 6 (Kafka has no commit). Partition 1: only Kafka, at 3.
    await store.init();
    await store.transaction((tx) => store.save(tx, { groupId, topic, partition: 0, from: '0', next: '6' }));
    await withAdmin((admin) =>
      admin.setOffsets({ groupId, topic, partitions: [{ partition: 1, offset: '3' }] }),
    );

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Applier {
      @KafkaListener(topic, { format: 'string', offsetStore: store })
      async handle(@Payload() value: string, @Ctx() ctx: KafkaContext) {
        await insertApplied(ctx.transaction<SqlQueryable>(), ctx, value);
      }
    }
    app = await startKafkaApp([Applier]);

    await waitFor('both partitions stored at 10', async () => {
      const stored = await storedOffsets(store, groupId, topic);
      return stored.get(0) === '10' && stored.get(1) === '10';
    });
    const applied = await appliedOffsets(db, topic);
    expect(applied.get(0)).toEqual(range(6, 10));
    expect(applied.get(1)).toEqual(range(3, 10));
    // Kafka commits go on beside the store, for lag tools.
    await waitFor('Kafka commits at the end', async () => {
      const committed = await committedOffsets(groupId, topic);
      return committed.get(0) === '10' && committed.get(1) === '10';
    });
  });

  it('runs a batch listener in one transaction per batch; a failed batch leaves nothing behind', async () => {
    const topic = uniqueName('offsets-batch');
    const groupId = uniqueName('offsets-batch-group');
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 1 }]));
    await produceRaw(
      topic,
      range(0, 40).map((i) => ({ key: null, value: `r${i}` })),
    );
    const saves: OffsetPosition[] = [];
    const batches: { first: string; last: string }[] = [];
    let failedOnce = false;
    // The library's calls, watched: every save happens inside a transaction it opened.
    const watched: OffsetStore<SqlQueryable> = {
      init: () => store.init(),
      load: (g, t, p) => store.load(g, t, p),
      transaction: (work) => store.transaction(work),
      save: async (tx, position) => {
        const saved = await store.save(tx, position);
        if (saved) saves.push(position);
        return saved;
      },
    };

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class BatchApplier {
      @KafkaListener(topic, {
        format: 'string',
        batch: true,
        offsetStore: watched,
        errorHandling: { strategy: 'blocking-retry', attempts: 3, backoff: { initialMs: 10, maxMs: 10 } },
      })
      async handle(@Payload() values: string[], @Ctx() ctx: KafkaBatchContext) {
        const tx = ctx.transaction<SqlQueryable>();
        for (const [i, record] of ctx.records.entries()) await insertApplied(tx, record, values[i]!);
        if (!failedOnce) {
          // The first attempt wrote its rows, then fails: they must roll back with the offset.
          failedOnce = true;
          throw new Error('downstream hiccup');
        }
        batches.push({ first: ctx.records[0]!.offset, last: ctx.records[ctx.records.length - 1]!.offset });
      }
    }
    app = await startKafkaApp([BatchApplier]);

    await waitFor(
      'the partition stored at 40',
      async () => (await storedOffsets(store, groupId, topic)).get(0) === '40',
    );
    expect(failedOnce).toBe(true);
    const { rows } = await db.query(
      'SELECT id, count(*)::int AS n FROM applied WHERE topic = $1 GROUP BY id HAVING count(*) <> 1',
      [topic],
    );
    expect(rows).toEqual([]);
    expect((await appliedOffsets(db, topic)).get(0)).toEqual(range(0, 40));
    // One transaction per successful batch, saving the offset after its last record.
    expect(saves.map((s) => [s.from, s.next])).toEqual(
      batches.map((b) => [b.first, String(Number(b.last) + 1)]),
    );
  });

  it('applies a record retried through a retry topic once, each group saving its own offsets', async () => {
    const topic = uniqueName('offsets-retry');
    const groupId = uniqueName('offsets-retry-group');
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 1 }]));
    await produceRaw(
      topic,
      range(0, 6).map((i) => ({ key: `k${i}`, value: i === 3 ? 'flaky' : `r${i}` })),
    );
    let attempts = 0;

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class RetryApplier {
      @KafkaListener(topic, {
        format: 'string',
        offsetStore: store,
        errorHandling: { strategy: 'retry-topics', delaysMs: [200] },
      })
      async handle(@Payload() value: string, @Ctx() ctx: KafkaContext) {
        await insertApplied(ctx.transaction<SqlQueryable>(), ctx, value);
        if (value === 'flaky' && ++attempts === 1) throw new Error('gateway timeout');
      }
    }
    app = await startKafkaApp([RetryApplier]);

    const retryTopic = `${topic}.retry.1`;
    await waitFor('the retried record stored by the retry group', async () => {
      const stored = await storedOffsets(store, `${groupId}.retry`, retryTopic);
      return stored.get(0) === '1';
    });
    expect((await storedOffsets(store, groupId, topic)).get(0)).toBe('6');
    expect(attempts).toBe(2);
    const { rows } = await db.query(
      'SELECT id, count(*)::int AS n FROM applied WHERE topic IN ($1, $2) GROUP BY id ORDER BY id',
      [topic, retryTopic],
    );
    expect(rows).toEqual(['flaky', 'r0', 'r1', 'r2', 'r4', 'r5'].map((id) => ({ id, n: 1 })));
  });

  it('saves a dead-lettered record offset only after its DLQ write is confirmed', async () => {
    const topic = uniqueName('offsets-dlq');
    const groupId = uniqueName('offsets-dlq-group');
    const dlq = `${topic}.dlq`;
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 1 }]));
    await produceRaw(
      topic,
      range(0, 5).map((i) => ({ key: null, value: i === 2 ? 'poison' : `r${i}` })),
    );
    const dlqEndAtSave: string[] = [];
    const watched = watchingSaves(store, async (position) => {
      if (position.from === '2') dlqEndAtSave.push((await endOffsets(dlq)).get(0) ?? 'none');
    });

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class DlqApplier {
      @KafkaListener(topic, {
        format: 'string',
        offsetStore: watched,
        errorHandling: { strategy: 'dead-letter' },
      })
      async handle(@Payload() value: string, @Ctx() ctx: KafkaContext) {
        await insertApplied(ctx.transaction<SqlQueryable>(), ctx, value);
        if (value === 'poison') throw new Error('cannot apply poison');
      }
    }
    app = await startKafkaApp([DlqApplier]);

    await waitFor(
      'the partition stored at 5',
      async () => (await storedOffsets(store, groupId, topic)).get(0) === '5',
    );
    // The handler's try rolled back; the library saved 3 in a transaction of its own, after the write.
    expect(dlqEndAtSave).toEqual(['1']);
    expect((await appliedOffsets(db, topic)).get(0)).toEqual([0, 1, 3, 4]);
  });

  describe('with ordered retry', () => {
    it("applies a key's records once and in order, parked ones saved only after their forward", async () => {
      const topic = uniqueName('offsets-ordered');
      const groupId = uniqueName('offsets-ordered-group');
      const retryTopic = `${topic}.retry.1`;
      await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 1 }]));
      // k0 fails once; k1 and k2 must wait behind it in the retry topic; o0 and o1 flow.
      const values = ['k0', 'k1', 'o0', 'k2', 'o1'];
      await produceRaw(
        topic,
        values.map((value) => ({ key: value[0]!, value })),
      );
      // The retry topic's end offset at each main-topic save the library made outside a handler.
      const retryEndAtSave = new Map<string, string>();
      const watched = watchingSaves(store, async (position) => {
        if (position.topic === topic && values[Number(position.from)]!.startsWith('k'))
          retryEndAtSave.set(position.from, (await endOffsets(retryTopic)).get(0) ?? 'none');
      });
      let attempts = 0;

      @Injectable()
      @KafkaConsumer({ groupId, fromBeginning: true })
      class OrderedApplier {
        @KafkaListener(topic, {
          format: 'string',
          offsetStore: watched,
          errorHandling: { strategy: 'retry-topics', delaysMs: [200], orderedByKey: true },
        })
        async handle(@Payload() value: string, @Ctx() ctx: KafkaContext) {
          await insertApplied(ctx.transaction<SqlQueryable>(), ctx, value);
          if (value === 'k0' && ++attempts === 1) throw new Error('gateway timeout');
        }
      }
      app = await startKafkaApp([OrderedApplier]);

      // Ordered retry reads its retry topics in the main group; each topic stored at its end.
      await waitFor('both topics stored at their end offsets', async () => {
        const [mainEnd, retryEnd] = await Promise.all([endOffsets(topic), endOffsets(retryTopic)]);
        const [main, retry] = await Promise.all([
          storedOffsets(store, groupId, topic),
          storedOffsets(store, groupId, retryTopic),
        ]);
        return main.get(0) === mainEnd.get(0) && retryEnd.get(0) === '3' && retry.get(0) === '3';
      });
      expect(attempts).toBe(2);
      // k0's retry, then k1 and k2 forwarded: each saved after its own write was confirmed.
      expect(Object.fromEntries(retryEndAtSave)).toEqual({ '0': '1', '1': '2', '3': '3' });
      const { rows } = await db.query(
        'SELECT id, count(*)::int AS n FROM applied WHERE topic IN ($1, $2) GROUP BY id ORDER BY min(seq)',
        [topic, retryTopic],
      );
      // Each record applied once; per key, in the order the key's records were produced.
      const ofKey = (key: string) => (rows as { id: string }[]).filter(({ id }) => id.startsWith(key));
      expect(ofKey('k')).toEqual(['k0', 'k1', 'k2'].map((id) => ({ id, n: 1 })));
      expect(ofKey('o')).toEqual(['o0', 'o1'].map((id) => ({ id, n: 1 })));
    });
  });
});
