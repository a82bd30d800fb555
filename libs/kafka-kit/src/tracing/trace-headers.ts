import type { TextMapGetter, TextMapSetter } from '@opentelemetry/api';
import type { RecordHeaders } from '../client/consumer-client.js';

/**
 * The id of the span whose handler failed a record, on its DLQ or retry-topic copy (beside the
 * record's own `traceparent`, which is kept): part of the DLQ and retry header contracts
 * (failure-records/kafka-headers.ts), defined here because tracing reads them too.
 */
export const FAILED_SPAN_ID_HEADERS = {
  deadLetter: 'x-dlq-failed-span-id',
  retry: 'x-retry-failed-span-id',
} as const;

/** W3C Trace Context's header, the one a replay rewrites (see traceparentAfter). */
export const TRACEPARENT = 'traceparent';

/** Reads propagation fields from a consumed record's headers (bytes or text, maybe repeated). */
export const consumedHeadersGetter: TextMapGetter<RecordHeaders | undefined> = {
  keys: (headers) => (headers ? Object.keys(headers) : []),
  get: (headers, key) => {
    const value = headers?.[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : value.toString();
  },
};

/** Writes propagation fields into outgoing headers; a field the sender set itself is kept. */
export const outgoingHeadersSetter: TextMapSetter<Record<string, string | Buffer>> = {
  set: (headers, key, value) => {
    if (headers[key] === undefined) headers[key] = value;
  },
};

const TRACEPARENT_FORMAT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const SPAN_ID_FORMAT = /^[0-9a-f]{16}$/;

/**
 * The `traceparent` of a record sent again after `failedSpanId`'s span failed it (a DLQ replay):
 * the same trace, with that span as the parent, so the trace shows the replay after the failure.
 * Undefined when either is missing or malformed: the record's own `traceparent` then stays.
 */
export function traceparentAfter(
  traceparent: string | undefined,
  failedSpanId: string | undefined,
): string | undefined {
  const parts = traceparent === undefined ? null : TRACEPARENT_FORMAT.exec(traceparent.trim());
  if (!parts || failedSpanId === undefined || !SPAN_ID_FORMAT.test(failedSpanId)) return undefined;
  return `00-${parts[2]}-${failedSpanId}-${parts[4]}`;
}
