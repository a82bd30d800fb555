// Every header name the error strategies and the DLQ tooling write or read, in one place: other
// teams' tools (kcat, Spring Kafka consumers, dashboards) match on these exact strings.
import { FAILED_SPAN_ID_HEADERS } from '../tracing/trace-headers.js';

/** Headers on a dead-lettered record (the library's own style). */
export const DLQ_HEADERS = {
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  originalTimestamp: 'x-dlq-original-timestamp',
  consumerGroup: 'x-dlq-consumer-group',
  errorClass: 'x-dlq-error-class',
  errorMessage: 'x-dlq-error-message',
  errorStack: 'x-dlq-error-stack',
  attempts: 'x-dlq-attempts',
  firstFailedAt: 'x-dlq-first-failed-at',
  failedAt: 'x-dlq-failed-at',
  reason: 'x-dlq-reason',
  /** Tracing on: the span that failed the record; the record's own `traceparent` is kept. */
  failedSpanId: FAILED_SPAN_ID_HEADERS.deadLetter,
} as const;

/**
 * Spring Kafka's DeadLetterPublishingRecoverer names. Spring writes partition as a 4-byte and
 * offset/timestamp as 8-byte big-endian integers, so Java consumers can read them as it does.
 */
export const SPRING_DLQ_HEADERS = {
  originalTopic: 'kafka_dlt-original-topic',
  originalPartition: 'kafka_dlt-original-partition',
  originalOffset: 'kafka_dlt-original-offset',
  originalTimestamp: 'kafka_dlt-original-timestamp',
  originalTimestampType: 'kafka_dlt-original-timestamp-type',
  consumerGroup: 'kafka_dlt-original-consumer-group',
  errorClass: 'kafka_dlt-exception-fqcn',
  errorMessage: 'kafka_dlt-exception-message',
  errorStack: 'kafka_dlt-exception-stacktrace',
} as const;

/** Headers on a record in a retry topic. */
export const RETRY_HEADERS = {
  attempt: 'x-retry-attempt',
  dueAt: 'x-retry-due-at',
  originalTopic: 'x-retry-original-topic',
  originalPartition: 'x-retry-original-partition',
  originalOffset: 'x-retry-original-offset',
  originalTimestamp: 'x-retry-original-timestamp',
  firstFailedAt: 'x-retry-first-failed-at',
  errorClass: 'x-retry-error-class',
  errorMessage: 'x-retry-error-message',
  /** Set on a record that did not fail but waits behind an earlier record of its key. */
  parked: 'x-retry-parked',
  /** Tracing on: the span that failed the record; the record's own `traceparent` is kept. */
  failedSpanId: FAILED_SPAN_ID_HEADERS.retry,
} as const;

/** Headers the DLQ tooling sets on a replayed record, so replay loops are visible. */
export const REPLAY_HEADERS = {
  count: 'x-replay-count',
  from: 'x-replay-from',
  at: 'x-replay-at',
} as const;

/**
 * Failure headers the library adds; stripped before a record is forwarded again and rewritten,
 * so a record never carries two stories. Replay headers are kept: they count loops.
 */
export const LIBRARY_HEADER_PREFIXES = ['x-dlq-', 'x-retry-', 'kafka_dlt-'] as const;

/** Stack traces are cut to this many bytes so a DLQ record stays small. */
export const MAX_STACK_BYTES = 4096;
