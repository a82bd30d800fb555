// Every header name the error strategies and the DLQ tooling write or read, in one place: other
// teams' tools (kcat, Spring Kafka consumers, dashboards) match on these exact strings.
import { FAILED_SPAN_ID_HEADERS } from '../tracing/trace-headers.js';

/** Headers on a dead-lettered record (the library's own style). */
export const DLQ_HEADERS = {
  /** Topic the record was consumed from. */
  originalTopic: 'x-dlq-original-topic',
  /** Its partition, as decimal text. */
  originalPartition: 'x-dlq-original-partition',
  /** Its offset, as decimal text. */
  originalOffset: 'x-dlq-original-offset',
  /** Its timestamp, epoch ms as decimal text. */
  originalTimestamp: 'x-dlq-original-timestamp',
  /** The consumer group that failed it. */
  consumerGroup: 'x-dlq-consumer-group',
  /** The error's class name (`name`). */
  errorClass: 'x-dlq-error-class',
  /** The error's message. */
  errorMessage: 'x-dlq-error-message',
  /** The error's stack, cut to 4 KiB. */
  errorStack: 'x-dlq-error-stack',
  /** How many times it was tried, as decimal text. */
  attempts: 'x-dlq-attempts',
  /** Epoch ms of its first failure (kept across retry topics). */
  firstFailedAt: 'x-dlq-first-failed-at',
  /** Epoch ms of the failure that dead-lettered it. */
  failedAt: 'x-dlq-failed-at',
  /**
   * Why: `deserialization`, `validation`, `non-retryable`, `retries-exhausted`, `handler-routed`,
   * `handler-timeout` or `failed`.
   */
  reason: 'x-dlq-reason',
  /** Tracing on: the span that failed the record; the record's own `traceparent` is kept. */
  failedSpanId: FAILED_SPAN_ID_HEADERS.deadLetter,
} as const;

/**
 * Spring Kafka's DeadLetterPublishingRecoverer names. Spring writes partition as a 4-byte and
 * offset/timestamp as 8-byte big-endian integers, so Java consumers can read them as it does.
 */
export const SPRING_DLQ_HEADERS = {
  /** Topic the record was consumed from. */
  originalTopic: 'kafka_dlt-original-topic',
  /** Its partition, a 4-byte big-endian integer. */
  originalPartition: 'kafka_dlt-original-partition',
  /** Its offset, an 8-byte big-endian integer. */
  originalOffset: 'kafka_dlt-original-offset',
  /** Its timestamp (epoch ms), an 8-byte big-endian integer. */
  originalTimestamp: 'kafka_dlt-original-timestamp',
  /** Always `CreateTime`. */
  originalTimestampType: 'kafka_dlt-original-timestamp-type',
  /** The consumer group that failed it. */
  consumerGroup: 'kafka_dlt-original-consumer-group',
  /** The error's class name (Spring writes the Java class's fully qualified name). */
  errorClass: 'kafka_dlt-exception-fqcn',
  /** The error's message. */
  errorMessage: 'kafka_dlt-exception-message',
  /** The error's stack, cut to 4 KiB. */
  errorStack: 'kafka_dlt-exception-stacktrace',
} as const;

/** Headers on a record in a retry topic. */
export const RETRY_HEADERS = {
  /** The attempt this record is (1 on the first retry topic), as decimal text. */
  attempt: 'x-retry-attempt',
  /** Epoch ms before which the retry consumer does not hand it to the listener. */
  dueAt: 'x-retry-due-at',
  /** Topic the record was first consumed from. */
  originalTopic: 'x-retry-original-topic',
  /** Its partition there, as decimal text. */
  originalPartition: 'x-retry-original-partition',
  /** Its offset there, as decimal text. */
  originalOffset: 'x-retry-original-offset',
  /** Its original timestamp, epoch ms as decimal text. */
  originalTimestamp: 'x-retry-original-timestamp',
  /** Epoch ms of its first failure. */
  firstFailedAt: 'x-retry-first-failed-at',
  /** The last failure's class name. */
  errorClass: 'x-retry-error-class',
  /** The last failure's message. */
  errorMessage: 'x-retry-error-message',
  /** Set on a record that did not fail but waits behind an earlier record of its key. */
  parked: 'x-retry-parked',
  /** Tracing on: the span that failed the record; the record's own `traceparent` is kept. */
  failedSpanId: FAILED_SPAN_ID_HEADERS.retry,
} as const;

/** Headers the DLQ tooling sets on a replayed record, so replay loops are visible. */
export const REPLAY_HEADERS = {
  /** How many times the record was replayed, as decimal text; replay refuses it at `maxReplays`. */
  count: 'x-replay-count',
  /** The DLQ coordinates it was replayed from, `<dlq topic>/<partition>/<offset>`. */
  from: 'x-replay-from',
  /** Epoch ms of the replay. */
  at: 'x-replay-at',
} as const;

/**
 * Failure headers the library adds; stripped before a record is forwarded again and rewritten,
 * so a record never carries two stories. Replay headers are kept: they count loops.
 */
export const LIBRARY_HEADER_PREFIXES = ['x-dlq-', 'x-retry-', 'kafka_dlt-'] as const;

/** Stack traces are cut to this many bytes so a DLQ record stays small. */
export const MAX_STACK_BYTES = 4096;
