import type { OutgoingRecord, RecordMetadata } from '../client/producer-client.js';
import type { OtelApi, Tracer } from './otel-api.js';
import { ATTR, KAFKA } from './span-attributes.js';
import { outgoingHeadersSetter } from './trace-headers.js';

export type Enqueue = (record: OutgoingRecord) => Promise<RecordMetadata>;

/**
 * Wraps the producer's one entry for records: each record gets a PRODUCER span (`send <topic>`),
 * a child of the caller's active context, whose context goes into the record's headers through
 * the configured propagator (W3C `traceparent`/`tracestate` by default). The span ends when the
 * broker has the record, with its partition and offset. Headers are copied: the caller's object
 * may be shared between records.
 */
export function tracedEnqueue(api: OtelApi, tracer: Tracer, enqueue: Enqueue): Enqueue {
  const { context, propagation, trace, SpanKind, SpanStatusCode } = api;
  return (record) => {
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
    const headers = { ...record.headers };
    propagation.inject(trace.setSpan(parent, span), headers, outgoingHeadersSetter);
    return enqueue({ ...record, headers }).then(
      (sent) => {
        span.setAttribute(ATTR.partition, String(sent.partition));
        span.setAttribute(ATTR.offset, Number(sent.offset));
        span.end();
        return sent;
      },
      (error: unknown) => {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: String((error as Error)?.message ?? error) });
        span.end();
        throw error;
      },
    );
  };
}
