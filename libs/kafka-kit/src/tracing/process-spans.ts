import type { ConsumedRecord } from '../client/consumer-client.js';
import type { Context, Link, OtelApi, Span, Tracer } from './otel-api.js';
import { ATTR, KAFKA } from './span-attributes.js';
import { consumedHeadersGetter, FAILED_SPAN_ID_HEADERS } from './trace-headers.js';

/** Where a record was read, as the consumer's KafkaContext has it. */
export interface RecordSource {
  topic: string;
  partition: number;
  record: ConsumedRecord;
}

/** A batch listener's records, as its KafkaBatchContext has them. */
export interface BatchSource {
  topic: string;
  partition: number;
  records: readonly { record: ConsumedRecord }[];
}

/** A span and the context to run its work in. */
export interface StartedSpan {
  span: Span;
  context: Context;
}

/**
 * What a record's headers say about its trace: the producer's span context (a link, and the
 * parent), and, on a retry-topic record, the span that failed it before (a second link).
 */
function producerContext(api: OtelApi, record: ConsumedRecord): { parent?: Context; links: Link[] } {
  const extracted = api.propagation.extract(api.ROOT_CONTEXT, record.headers, consumedHeadersGetter);
  const producer = api.trace.getSpanContext(extracted);
  if (producer === undefined || !api.isSpanContextValid(producer)) return { links: [] };
  const links: Link[] = [{ context: producer }];
  const failedSpanId = consumedHeadersGetter.get(record.headers, FAILED_SPAN_ID_HEADERS.retry);
  if (typeof failedSpanId === 'string' && api.isValidSpanId(failedSpanId))
    links.push({ context: { ...producer, spanId: failedSpanId } });
  return { parent: extracted, links };
}

/** The messaging attributes every CONSUMER span of a partition carries. */
function processAttributes(topic: string, partition: number, groupId: string): Record<string, string> {
  return {
    [ATTR.system]: KAFKA,
    [ATTR.operationName]: 'process',
    [ATTR.operationType]: 'process',
    [ATTR.destination]: topic,
    [ATTR.partition]: String(partition),
    [ATTR.consumerGroup]: groupId,
  };
}

/**
 * The CONSUMER span (`process <topic>`) of one record: a child of the producer's span when the
 * record carries one (so one trace goes from the producer to this handler), else of the active
 * context (a retry in place runs inside the failed attempt's span), linked to the producer's.
 */
export function startRecordSpan(
  api: OtelApi,
  tracer: Tracer,
  groupId: string,
  { topic, partition, record }: RecordSource,
): StartedSpan {
  const { parent, links } = producerContext(api, record);
  const base = parent ?? api.context.active();
  const span = tracer.startSpan(
    `process ${topic}`,
    {
      kind: api.SpanKind.CONSUMER,
      links,
      attributes: {
        ...processAttributes(topic, partition, groupId),
        [ATTR.offset]: Number(record.offset),
        ...(record.key !== null && { [ATTR.key]: record.key.toString('utf8') }),
      },
    },
    base,
  );
  return { span, context: api.trace.setSpan(base, span) };
}

/** One CONSUMER span for a batch listener's call, linked to every record's producer span. */
export function startBatchSpan(
  api: OtelApi,
  tracer: Tracer,
  groupId: string,
  { topic, partition, records }: BatchSource,
): StartedSpan {
  const base = api.context.active();
  const span = tracer.startSpan(
    `process ${topic}`,
    {
      kind: api.SpanKind.CONSUMER,
      links: records.flatMap(({ record }) => producerContext(api, record).links.slice(0, 1)),
      attributes: {
        ...processAttributes(topic, partition, groupId),
        [ATTR.batchCount]: records.length,
      },
    },
    base,
  );
  return { span, context: api.trace.setSpan(base, span) };
}

/** Records `error` on `span`: the exception event, an error status and `error.type`. */
export function markFailed(api: OtelApi, span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : String(error);
  span.recordException(exception);
  span.setStatus({
    code: api.SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : (exception as string),
  });
  span.setAttribute(ATTR.errorType, error instanceof Error ? error.name : typeof error);
}
