// One trace across both example apps on the real broker: the collector's HTTP request, its
// produce, and the aggregator's batch handler, whose span links to every record's producer span
// (a batch has many parents, so it is linked, not parented); a failed click's DLQ copy carries
// the trace, and its replay's batch span links back to the failed span. Tracing is the SDK's
// in-memory exporter behind a registered tracer provider.
import type { INestApplication, LoggerService } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Test } from '@nestjs/testing';
import { DLQ_HEADERS, DlqService, KafkaKitError } from 'nest-kafka-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaBrokers, uniqueName, waitFor } from '../../../tools/test/helpers.js';
import { httpServerSpans, startTestTracing, type TestTracing } from '../../../tools/test/tracing.js';
import { AppModule as CollectorModule } from '../../click-collector/src/app.module.js';
import { AppModule as AggregatorModule } from '../src/app.module.js';
import type { ClickEventDto, Queryable } from '@nest-kafka-kit/app-support';
import { ClickCountsService } from '../src/click-counts.service.js';

/** A failure the aggregator's blocking retry does not retry: the batch goes to the DLQ at once. */
class CounterRejected extends KafkaKitError {
  readonly retryable = false;
}

/** Counts clicks, noting the span each batch ran in; a batch with a page in `failOnce` throws once. */
class TracedCounts extends ClickCountsService {
  readonly spanOf = new Map<string, string>();
  readonly failOnce = new Set<string>();

  override async add(tx: Queryable, clicks: readonly ClickEventDto[]): Promise<void> {
    const failing = clicks.find((c) => this.failOnce.delete(c.page));
    if (failing) throw new CounterRejected(`counter refused ${failing.page}`);
    const spanId = trace.getActiveSpan()?.spanContext().spanId ?? 'none';
    for (const click of clicks) this.spanOf.set(click.page, spanId);
    return super.add(tx, clicks);
  }
}

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log() {}
  error(message: unknown) {
    this.lines.push(String(message));
  }
  warn(message: unknown) {
    this.lines.push(String(message));
  }
}

describe('a trace across click-collector and click-aggregator', () => {
  let counts: TracedCounts;
  const logger = new CapturingLogger();
  let tracing: TestTracing;
  let collector: INestApplication;
  let aggregator: INestApplication;
  let url: string;

  const postClick = async (userId: string, page: string) => {
    const res = await fetch(`${url}/clicks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId, page }),
    });
    expect(res.status).toBe(202);
    return (await res.json()) as { partition: number; offset: string };
  };
  const spansOf = (userId: string, name: string) =>
    tracing.spans().filter((s) => s.name === name && s.attributes['messaging.kafka.message.key'] === userId);
  const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;
  /** The aggregator's batch spans that link to the span `spanId` (of trace `traceId`). */
  const batchSpansLinkedTo = (traceId: string, spanId: string) =>
    tracing
      .spans()
      .filter(
        (s) =>
          s.name === 'process click_log' &&
          s.links.some((l) => l.context.traceId === traceId && l.context.spanId === spanId),
      );

  /** The produce span of `userId`'s click, and the aggregator's batch span that links to it. */
  const producedAndConsumed = async (userId: string) => {
    const produced = await waitFor('the produce span', () => spansOf(userId, 'send click_log')[0]);
    const { traceId, spanId } = produced.spanContext();
    const consumed = await waitFor(
      'the aggregator span linked to the produce',
      () => batchSpansLinkedTo(traceId, spanId)[0],
    );
    return { produced, consumed };
  };

  beforeAll(async () => {
    tracing = startTestTracing();
    process.env.KAFKA_BROKERS = kafkaBrokers().join(',');
    // The aggregator's counts in a throwaway in-process PGlite.
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = 'memory://';
    const collectorRef = await Test.createTestingModule({ imports: [CollectorModule] }).compile();
    collector = collectorRef.createNestApplication({ logger });
    collector.use(httpServerSpans);
    await collector.listen(0, '127.0.0.1');
    url = (await collector.getUrl()).replace('[::1]', '127.0.0.1');
    const aggregatorRef = await Test.createTestingModule({ imports: [AggregatorModule] })
      .overrideProvider(ClickCountsService)
      .useClass(TracedCounts)
      .compile();
    aggregator = aggregatorRef.createNestApplication({ logger });
    await aggregator.init();
    counts = aggregator.get(ClickCountsService) as TracedCounts;
  });
  afterAll(async () => {
    await aggregator?.close();
    await collector?.close();
    await tracing?.shutdown();
  });

  it('spans the HTTP request, its produce and the handler, with the messaging attributes', async () => {
    const userId = uniqueName('user');
    const page = `/${userId}/pricing`;
    const sent = await postClick(userId, page);
    const { produced, consumed } = await producedAndConsumed(userId);
    const server = tracing.spans().find((s) => s.spanContext().spanId === parentId(produced))!;

    expect(server.name).toBe('POST /clicks');
    expect(produced.kind).toBe(3 /* PRODUCER */);
    expect(produced.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(consumed.kind).toBe(4 /* CONSUMER */);
    // Followed through its link: one link per record of the batch, this click's to its produce.
    const links = consumed.links.map((l) => l.context);
    expect(links).toHaveLength(Number(consumed.attributes['messaging.batch.message_count']));
    expect(links.filter((l) => l.spanId === produced.spanContext().spanId)).toEqual([
      expect.objectContaining({ traceId: server.spanContext().traceId }),
    ]);
    expect(consumed.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.operation.name': 'process',
      'messaging.destination.name': 'click_log',
      'messaging.destination.partition.id': String(sent.partition),
      'messaging.consumer.group.name': 'click-aggregator',
    });
    expect(produced.attributes).toMatchObject({
      'messaging.destination.partition.id': String(sent.partition),
      'messaging.kafka.offset': Number(sent.offset),
    });
    // The handler ran inside the consumer span.
    expect(counts.spanOf.get(page)).toBe(consumed.spanContext().spanId);
  });

  it('keeps the trace on the DLQ copy of a failed click, and its replay continues that trace', async () => {
    const userId = uniqueName('user');
    const page = `/${userId}/checkout`;
    counts.failOnce.add(page);
    await postClick(userId, page);
    const { produced, consumed: failed } = await producedAndConsumed(userId);
    const traceId = produced.spanContext().traceId;
    const failedSpanId = failed.spanContext().spanId;
    expect(failed.status.code).toBe(2 /* ERROR */);
    expect(failed.events.map((e) => e.name)).toContain('exception');
    expect(failed.attributes).toMatchObject({
      'nest_kafka_kit.outcome': 'dead-lettered',
      'error.type': 'CounterRejected',
    });
    // The strategy's failure log names the failed span and its trace (the batch span's own).
    const logged = logger.lines.find((l) => l.includes(`trace_id=${failed.spanContext().traceId}`));
    expect(logged).toContain('click_log.dlq');
    expect(logged).toContain(`span_id=${failedSpanId}`);

    const dlq = aggregator.get(DlqService);
    const [copy] = await waitFor('the DLQ copy', async () => {
      const mine = (await dlq.peek('click_log.dlq')).filter((r) => r.key === userId);
      return mine.length > 0 && mine;
    });
    expect(copy!.headers.traceparent).toBe(`00-${traceId}-${produced.spanContext().spanId}-01`);
    expect(copy!.headers[DLQ_HEADERS.failedSpanId]).toBe(failedSpanId);

    const replay = await dlq.replay('click_log.dlq', { where: (r) => r.key === userId });
    expect(replay.replayed).toHaveLength(1);
    // The replay's record carries the failed span as its parent; its batch span links to it.
    const replayed = await waitFor('the replayed span', () => batchSpansLinkedTo(traceId, failedSpanId)[0]);
    expect(replayed.status.code).not.toBe(2);
    expect(counts.spanOf.get(page)).toBe(replayed.spanContext().spanId);
  });
});
