// The library's tracing on the real broker, beyond the example apps' trace: off unless a tracer
// provider is registered, batch listeners, failures before the handler, retry topics, and
// instrumentation-kafkajs patched into the same process.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { context, trace } from '@opentelemetry/api';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createRequire } from 'node:module';
import {
  Ctx,
  DLQ_HEADERS,
  DlqService,
  KafkaConsumer,
  KafkaContext,
  KafkaListener,
  KafkaProducer,
  Payload,
  RETRY_HEADERS,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestTracing, type TestTracing } from '../../../tools/test/tracing.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

describe('tracing', () => {
  let app: INestApplicationContext | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('is off by default while no tracer provider is registered: records carry no traceparent', async () => {
    const topic = uniqueName('untraced');
    const seen: Record<string, string | string[] | undefined>[] = [];
    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('untraced-group'), fromBeginning: true })
    class Untraced {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      handle(@Payload() _: unknown, @Ctx() ctx: KafkaContext) {
        seen.push(ctx.headers);
      }
    }
    app = await startKafkaApp([Untraced]);
    await app.get(KafkaProducer).send(topic, { value: { n: 1 }, headers: { source: 'test' } });
    await waitFor('the record', () => seen.length === 1);
    expect(seen[0]).toEqual({ source: 'test' });
  });

  describe('with a registered tracer provider', () => {
    let tracing: TestTracing;
    beforeAll(() => {
      tracing = startTestTracing();
    });
    afterAll(() => tracing.shutdown());
    const named = (name: string) => tracing.spans().filter((s) => s.name === name);
    /** Sends each value from inside a span of its own, so each record starts its own trace. */
    const sendTraced = async (topic: string, values: { key: string; value: unknown }[]) => {
      const producer = app!.get(KafkaProducer);
      const tracer = trace.getTracer('test');
      const roots: ReadableSpan[] = [];
      for (const v of values) {
        const root = tracer.startSpan(`request ${v.key}`);
        await context.with(trace.setSpan(context.active(), root), () => producer.send(topic, v));
        root.end();
        roots.push(root as unknown as ReadableSpan);
      }
      return roots;
    };

    it('traces records sent in a transaction like any other: a PRODUCER span each, the handler its child', async () => {
      const topic = uniqueName('traced-tx');
      const handledIn: string[] = [];
      @Injectable()
      @KafkaConsumer({ groupId: uniqueName('traced-tx-group'), fromBeginning: true })
      class Ledger {
        @KafkaListener(topic, { topic: { partitions: 1 } })
        handle(@Payload() _: unknown) {
          handledIn.push(trace.getActiveSpan()!.spanContext().spanId);
        }
      }
      app = await startKafkaApp([Ledger], {
        producer: { transactionalId: uniqueName('traced-tx-producer'), idempotent: true },
      });
      const root = trace.getTracer('test').startSpan('transfer');
      await context.with(trace.setSpan(context.active(), root), () =>
        app!.get(KafkaProducer).transaction((tx) =>
          tx.send(topic, [
            { key: 'a', value: { debit: 1 } },
            { key: 'b', value: { credit: 1 } },
          ]),
        ),
      );
      root.end();
      await waitFor('both records handled', () => handledIn.length === 2);
      const producers = named(`send ${topic}`);
      expect(producers).toHaveLength(2);
      for (const p of producers) expect(p.spanContext().traceId).toBe(root.spanContext().traceId);
      const consumers = named(`process ${topic}`);
      expect(consumers.map((c) => c.parentSpanContext?.spanId).sort()).toEqual(
        producers.map((p) => p.spanContext().spanId).sort(),
      );
      expect(consumers.map((c) => c.spanContext().spanId).sort()).toEqual([...handledIn].sort());
    });

    it('gives a batch listener one span per call, linked to every record it got', async () => {
      const topic = uniqueName('traced-batch');
      @Injectable()
      @KafkaConsumer({ groupId: uniqueName('traced-batch-group'), fromBeginning: true })
      class Batch {
        @KafkaListener(topic, { batch: true, topic: { partitions: 1 } })
        load(@Payload() rows: unknown[]) {
          void rows;
        }
      }
      // Produced before the listener starts, so it likely gets all three in one call.
      app = await startKafkaApp([], { topics: [{ topic, partitions: 1 }] });
      const roots = await sendTraced(
        topic,
        ['a', 'b', 'c'].map((key) => ({ key, value: { key } })),
      );
      await app.close();
      app = await startKafkaApp([Batch]);
      const batches = await waitFor('batch spans for the 3 records', () => {
        const spans = named(`process ${topic}`);
        const count = spans.reduce((n, s) => n + Number(s.attributes['messaging.batch.message_count']), 0);
        return count === 3 && spans;
      });
      const producers = named(`send ${topic}`);
      expect(producers.map((p) => p.spanContext().traceId).sort()).toEqual(
        roots.map((r) => r.spanContext().traceId).sort(),
      );
      expect(batches.flatMap((b) => b.links.map((l) => l.context.spanId)).sort()).toEqual(
        producers.map((p) => p.spanContext().spanId).sort(),
      );
      for (const b of batches)
        expect(b.links).toHaveLength(Number(b.attributes['messaging.batch.message_count']));
    });

    it('traces a record that fails before its handler, and puts the span id on its DLQ copy', async () => {
      const topic = uniqueName('traced-poison');
      @Injectable()
      @KafkaConsumer({ groupId: uniqueName('traced-poison-group'), fromBeginning: true })
      class Poisoned {
        @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling: { strategy: 'dead-letter' } })
        handle(@Payload() _: unknown) {}
      }
      app = await startKafkaApp([Poisoned]);
      const [root] = await sendTraced(topic, [{ key: 'bad', value: '{not json' }]);
      const [span] = await waitFor(
        'the failed span',
        () => named(`process ${topic}`).length > 0 && named(`process ${topic}`),
      );
      expect(span!.spanContext().traceId).toBe(root!.spanContext().traceId);
      expect(span!.attributes).toMatchObject({
        'nest_kafka_kit.outcome': 'dead-lettered',
        'error.type': 'DeserializationError',
      });
      const [copy] = await waitFor('the DLQ copy', async () => {
        const records = await app!
          .get(DlqService)
          .peek(`${topic}.dlq`)
          .catch(() => []);
        return records.length > 0 && records;
      });
      expect(copy!.headers[DLQ_HEADERS.failedSpanId]).toBe(span!.spanContext().spanId);
      expect(copy!.headers.traceparent).toContain(root!.spanContext().traceId);
    });

    it('keeps a retried record in its trace, linked to the span that failed it', async () => {
      const topic = uniqueName('traced-retry');
      let calls = 0;
      @Injectable()
      @KafkaConsumer({ groupId: uniqueName('traced-retry-group'), fromBeginning: true })
      class Flaky {
        @KafkaListener(topic, {
          topic: { partitions: 1 },
          errorHandling: { strategy: 'retry-topics', delaysMs: [200] },
        })
        handle(@Payload() _: unknown, @Ctx() ctx: KafkaContext) {
          if (calls++ === 0) throw new Error('downstream down');
          expect(ctx.headers[RETRY_HEADERS.failedSpanId]).toBeDefined();
        }
      }
      app = await startKafkaApp([Flaky]);
      const [root] = await sendTraced(topic, [{ key: 'k', value: { n: 1 } }]);
      const [failed] = await waitFor(
        'the failed span',
        () => named(`process ${topic}`).length > 0 && named(`process ${topic}`),
      );
      const retried = await waitFor('the retry span', () => named(`process ${topic}.retry.1`)[0]);
      const [produced] = named(`send ${topic}`);
      expect(failed!.attributes['nest_kafka_kit.outcome']).toBe('retry-scheduled');
      expect(retried.spanContext().traceId).toBe(root!.spanContext().traceId);
      expect(retried.parentSpanContext?.spanId).toBe(produced!.spanContext().spanId);
      expect(retried.links.map((l) => l.context.spanId)).toEqual([
        produced!.spanContext().spanId,
        failed!.spanContext().spanId,
      ]);
      expect(retried.status.code).not.toBe(2);
    });

    it('leaves instrumentation-kafkajs out of its own clients: one span per record and side', async () => {
      // The instrumentation's own patch of the kafkajs module, as its require hook applies it.
      const kafkajs = createRequire(import.meta.url)('kafkajs');
      const instrumentation = new KafkaJsInstrumentation({ enabled: false });
      const [definition] = instrumentation.getModuleDefinitions();
      definition!.patch!(kafkajs);
      try {
        expect((kafkajs.Kafka.prototype.consumer as { __wrapped?: boolean }).__wrapped).toBe(true);
        const topic = uniqueName('traced-instrumented');
        @Injectable()
        @KafkaConsumer({ groupId: uniqueName('traced-instrumented-group'), fromBeginning: true })
        class Plain {
          @KafkaListener(topic, { topic: { partitions: 1 } })
          handle(@Payload() _: unknown) {}
        }
        app = await startKafkaApp([Plain]);
        const [root] = await sendTraced(topic, [{ key: 'k', value: { n: 1 } }]);
        await waitFor('the consumer span', () => named(`process ${topic}`).length > 0);
        const mine = tracing.spans().filter((s) => s.spanContext().traceId === root!.spanContext().traceId);
        expect(mine.map((s) => `${s.instrumentationScope.name}: ${s.name}`).sort()).toEqual([
          `nest-kafka-kit: process ${topic}`,
          `nest-kafka-kit: send ${topic}`,
          `test: request k`,
        ]);
        expect(tracing.spans().filter((s) => s.name === `poll ${topic}`)).toEqual([]);
      } finally {
        definition!.unpatch!(kafkajs);
      }
    });
  });
});
