import type { OutgoingRecord, RecordMetadata } from '../client/producer-client.js';
import type { OtelApi, Tracer } from './otel-api.js';
import { ATTR, KAFKA } from './span-attributes.js';
import { outgoingHeadersSetter } from './trace-headers.js';

export type Enqueue = (record: OutgoingRecord) => Promise<RecordMetadata>;

type SendSpan = ReturnType<Tracer['startSpan']>;

/** A PRODUCER span for `record`, child of the active context, and the record carrying it. */
function startSendSpan(api: OtelApi, tracer: Tracer, record: OutgoingRecord): [SendSpan, OutgoingRecord] {
  const { context, propagation, trace, SpanKind } = api;
  const parent = context.active();
  const span = tracer.startSpan(
    `send ${record.topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        [ATTR.system]: KAFKA,
        [ATTR.operationName]: 'send',
        [ATTR.operationType]: 'send',
        [ATTR.destination]: record.topic,
        ...(record.key !== null && { [ATTR.key]: record.key.toString() }),
      },
    },
    parent,
  );
  // Copied: the caller's headers object may be shared between records.
  const headers = { ...record.headers };
  propagation.inject(trace.setSpan(parent, span), headers, outgoingHeadersSetter);
  return [span, { ...record, headers }];
}

function sent(span: SendSpan, metadata: RecordMetadata): void {
  span.setAttribute(ATTR.partition, String(metadata.partition));
  span.setAttribute(ATTR.offset, Number(metadata.offset));
  span.end();
}

function failed(api: OtelApi, span: SendSpan, error: unknown): void {
  span.recordException(error as Error);
  span.setStatus({ code: api.SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
  span.end();
}

/**
 * Wraps the producer's one entry for records: each record gets a PRODUCER span (`send <topic>`),
 * a child of the caller's active context, whose context goes into the record's headers through
 * the configured propagator (W3C `traceparent`/`tracestate` by default). The span ends when the
 * broker has the record, with its partition and offset.
 */
export function tracedEnqueue(api: OtelApi, tracer: Tracer, enqueue: Enqueue): Enqueue {
  return (record) => {
    const [span, traced] = startSendSpan(api, tracer, record);
    return enqueue(traced).then(
      (metadata) => {
        sent(span, metadata);
        return metadata;
      },
      (error: unknown) => {
        failed(api, span, error);
        throw error;
      },
    );
  };
}

export type SendBatch = (records: OutgoingRecord[]) => Promise<RecordMetadata[]>;

/** As tracedEnqueue, for records sent together (a transaction's send): a span per record. */
export function tracedSendBatch(api: OtelApi, tracer: Tracer, send: SendBatch): SendBatch {
  return (records) => {
    const started = records.map((r) => startSendSpan(api, tracer, r));
    return send(started.map(([, traced]) => traced)).then(
      (metadata) => {
        started.forEach(([span], i) => sent(span, metadata[i]!));
        return metadata;
      },
      (error: unknown) => {
        for (const [span] of started) failed(api, span, error);
        throw error;
      },
    );
  };
}
