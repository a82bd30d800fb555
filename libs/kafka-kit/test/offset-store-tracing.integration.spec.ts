// Tracing with an offset store, on the real broker and real PostgreSQL (and PGlite): the record's
// CONSUMER span goes around the store's whole transaction, so a record that fails in its handler
// or only at COMMIT has the span its handler ran in failed, and its DLQ copy carries the trace
// and that span's id.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import {
  Ctx,
  DLQ_HEADERS,
  DlqService,
  KafkaConsumer,
  KafkaContext,
  KafkaListener,
  KafkaProducer,
  Payload,
  PostgresOffsetStore,
  type PgliteLike,
  type PgPoolLike,
  type SqlQueryable,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabase } from '../../../tools/test/postgres.js';
import { startTestTracing, type TestTracing } from '../../../tools/test/tracing.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

// A child row whose parent is missing passes its INSERT and fails only at COMMIT.
const DEFERRED_DDL = [
  'CREATE TABLE traced_parent (id int PRIMARY KEY)',
  'CREATE TABLE traced_child (parent int REFERENCES traced_parent (id) DEFERRABLE INITIALLY DEFERRED)',
];

describe.each(testDatabases())('tracing with an offset store on %s', (_, open) => {
  let database: TestDatabase<PgPoolLike | PgliteLike>;
  let store: PostgresOffsetStore;
  let tracing: TestTracing;
  let app: INestApplicationContext | undefined;
  beforeAll(async () => {
    tracing = startTestTracing();
    database = await open();
    for (const ddl of DEFERRED_DDL) await database.db.query(ddl);
    store = new PostgresOffsetStore({ database: database.db });
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await database?.close();
    await tracing.shutdown();
  });

  it('fails the span the handler ran in, and names it on the DLQ copy, whether the handler throws or COMMIT fails', async () => {
    const throwing = uniqueName('traced-offsets-throw');
    const uncommittable = uniqueName('traced-offsets-commit');
    const ranIn = new Map<string, string | undefined>();
    const errorHandling = { strategy: 'dead-letter' } as const;
    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('traced-offsets-group'), fromBeginning: true })
    class Failing {
      @KafkaListener(throwing, { topic: { partitions: 1 }, offsetStore: store, errorHandling })
      handle(@Payload() _: unknown) {
        ranIn.set(throwing, trace.getActiveSpan()?.spanContext().spanId);
        throw new Error('counter store down');
      }

      @KafkaListener(uncommittable, { topic: { partitions: 1 }, offsetStore: store, errorHandling })
      async orphan(@Payload() _: unknown, @Ctx() ctx: KafkaContext) {
        ranIn.set(uncommittable, trace.getActiveSpan()?.spanContext().spanId);
        await ctx.transaction<SqlQueryable>().query('INSERT INTO traced_child (parent) VALUES (42)');
      }
    }
    app = await startKafkaApp([Failing]);
    const root = trace.getTracer('test').startSpan('request');
    await context.with(trace.setSpan(context.active(), root), async () => {
      for (const topic of [throwing, uncommittable])
        await app!.get(KafkaProducer).send(topic, { key: 'k', value: { n: 1 } });
    });
    root.end();
    const { traceId } = root.spanContext();

    for (const topic of [throwing, uncommittable]) {
      const [copy] = await waitFor(`the DLQ copy of ${topic}`, async () => {
        const records = await app!
          .get(DlqService)
          .peek(`${topic}.dlq`)
          .catch(() => []);
        return records.length > 0 && records;
      });
      const consumed = tracing.spans().filter((s) => s.name === `process ${topic}`);
      const [produced] = tracing.spans().filter((s) => s.name === `send ${topic}`);
      // One CONSUMER span for the record: the one its handler ran in, failed with the verdict.
      expect(consumed.map((s) => s.spanContext().spanId)).toEqual([ranIn.get(topic)]);
      expect(consumed[0]!.kind).toBe(4 /* CONSUMER */);
      expect(consumed[0]!.status.code).toBe(2 /* ERROR */);
      expect(consumed[0]!.attributes['nest_kafka_kit.outcome']).toBe('dead-lettered');
      expect(copy!.headers.traceparent).toBe(`00-${traceId}-${produced!.spanContext().spanId}-01`);
      expect(copy!.headers[DLQ_HEADERS.failedSpanId]).toBe(ranIn.get(topic));
    }
  });

  it('ends the span of a record whose offset save conflicts, and applies the record on redelivery', async () => {
    const topic = uniqueName('traced-offsets-conflict');
    const groupId = uniqueName('traced-offsets-conflict-group');
    const applied: string[] = [];
    let conflicted = false;
    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Overtaken {
      @KafkaListener(topic, { topic: { partitions: 1 }, offsetStore: store })
      async handle(@Payload() _: unknown, @Ctx() ctx: KafkaContext) {
        const tx = ctx.transaction<SqlQueryable>();
        if (!conflicted) {
          conflicted = true;
          // As if another member had stored a later offset: this record's save conflicts.
          await store.save(tx, { groupId, topic, partition: 0, from: '0', next: '5' });
          return;
        }
        applied.push(ctx.offset);
      }
    }
    app = await startKafkaApp([Overtaken]);
    await app.get(KafkaProducer).send(topic, { key: 'k', value: { n: 1 } });
    await waitFor('the redelivered record', () => applied.length === 1);
    const [first] = tracing.spans().filter((s) => s.name === `process ${topic}`);
    expect(first!.status.code).toBe(2 /* ERROR */);
    expect(first!.attributes['nest_kafka_kit.outcome']).toBe('offset-conflict');
    expect(applied).toEqual(['0']);
  });
});
