// Tracing with an offset store, on the real broker and real PostgreSQL (and PGlite): a handler
// that throws inside the store's transaction still has its record's DLQ copy carry the trace
// and the id of the CONSUMER span that failed it.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import {
  DLQ_HEADERS,
  DlqService,
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
  PostgresOffsetStore,
} from 'nest-kafka-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../tools/test/postgres.js';
import { startTestTracing, type TestTracing } from '../../../tools/test/tracing.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

describe.each(testDatabases())('tracing with an offset store on %s', (_, open) => {
  let closeDatabase: (() => Promise<void>) | undefined;
  let tracing: TestTracing;
  let app: INestApplicationContext | undefined;
  beforeAll(async () => {
    tracing = startTestTracing();
  });
  afterAll(async () => {
    await app?.close();
    await closeDatabase?.();
    await tracing.shutdown();
  });

  it("puts the failing CONSUMER span's id and the trace on the DLQ copy", async () => {
    const { db, close } = await open();
    closeDatabase = close;
    const store = new PostgresOffsetStore({ database: db });
    const topic = uniqueName('traced-offsets');
    const ranIn: (string | undefined)[] = [];
    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('traced-offsets-group'), fromBeginning: true })
    class Failing {
      @KafkaListener(topic, {
        topic: { partitions: 1 },
        offsetStore: store,
        errorHandling: { strategy: 'dead-letter' },
      })
      handle(@Payload() _: unknown) {
        ranIn.push(trace.getActiveSpan()?.spanContext().spanId);
        throw new Error('counter store down');
      }
    }
    app = await startKafkaApp([Failing]);
    const root = trace.getTracer('test').startSpan('request');
    await context.with(trace.setSpan(context.active(), root), () =>
      app!.get(KafkaProducer).send(topic, { key: 'k', value: { n: 1 } }),
    );
    root.end();
    const consumerSpans = () => tracing.spans().filter((s) => s.name === `process ${topic}`);
    const [failed] = await waitFor('the failed span', () => consumerSpans().length > 0 && consumerSpans());
    const [produced] = tracing.spans().filter((s) => s.name === `send ${topic}`);
    const [copy] = await waitFor('the DLQ copy', async () => {
      const records = await app!
        .get(DlqService)
        .peek(`${topic}.dlq`)
        .catch(() => []);
      return records.length > 0 && records;
    });
    const { traceId } = root.spanContext();
    expect(failed!.kind).toBe(4 /* CONSUMER */);
    expect(failed!.status.code).toBe(2 /* ERROR */);
    expect(failed!.attributes['nest_kafka_kit.outcome']).toBe('dead-lettered');
    expect(copy!.headers.traceparent).toBe(`00-${traceId}-${produced!.spanContext().spanId}-01`);
    // The span that failed is the one the handler ran in, and the DLQ copy names it.
    expect(ranIn).toEqual([failed!.spanContext().spanId]);
    expect(copy!.headers[DLQ_HEADERS.failedSpanId]).toBe(failed!.spanContext().spanId);
  });
});
