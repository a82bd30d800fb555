import type { DeadLetterHeaderStyle } from '../interfaces/error-handling-options.interface.js';
import type { ConsumedRecord } from '../client/consumer-client.js';
import type { OutgoingRecord } from '../client/producer-client.js';
import { describeError } from './describe-error.js';
import { type FailureOrigin, userHeaders, type OutgoingHeaders } from './failure-headers.js';
import type { FailureReason } from './failure-reason.js';
import { DLQ_HEADERS, SPRING_DLQ_HEADERS } from './kafka-headers.js';

export interface DeadLetterInput {
  dlqTopic: string;
  groupId: string;
  record: ConsumedRecord;
  origin: FailureOrigin;
  error: unknown;
  attempts: number;
  reason: FailureReason;
  failedAt: number;
  headerStyle: DeadLetterHeaderStyle;
  /** The DLQ has the source topic's partitions: write each record to its source partition. */
  mirrorPartitions: boolean;
  /** Tracing on: the span that failed the record (its `traceparent` header is kept as it was). */
  failedSpanId?: string;
}

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function int64(decimal: string): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(decimal));
  return b;
}

/** The dead-letter record: key and value byte-for-byte, the user's headers, the failure headers. */
export function deadLetterRecord(input: DeadLetterInput): OutgoingRecord {
  const { record, origin, error, headerStyle } = input;
  const described = describeError(error);
  const headers: OutgoingHeaders = {
    ...userHeaders(record.headers),
    [DLQ_HEADERS.attempts]: String(input.attempts),
    [DLQ_HEADERS.firstFailedAt]: String(origin.firstFailedAt),
    [DLQ_HEADERS.failedAt]: String(input.failedAt),
    [DLQ_HEADERS.reason]: input.reason,
  };
  if (input.failedSpanId) headers[DLQ_HEADERS.failedSpanId] = input.failedSpanId;
  if (headerStyle === 'spring') {
    Object.assign(headers, {
      [SPRING_DLQ_HEADERS.originalTopic]: origin.topic,
      [SPRING_DLQ_HEADERS.originalPartition]: int32(origin.partition),
      [SPRING_DLQ_HEADERS.originalOffset]: int64(origin.offset),
      [SPRING_DLQ_HEADERS.originalTimestamp]: int64(origin.timestamp),
      [SPRING_DLQ_HEADERS.originalTimestampType]: 'CreateTime',
      [SPRING_DLQ_HEADERS.consumerGroup]: input.groupId,
      [SPRING_DLQ_HEADERS.errorClass]: described.className,
      [SPRING_DLQ_HEADERS.errorMessage]: described.message,
      [SPRING_DLQ_HEADERS.errorStack]: described.stack,
    });
  } else {
    Object.assign(headers, {
      [DLQ_HEADERS.originalTopic]: origin.topic,
      [DLQ_HEADERS.originalPartition]: String(origin.partition),
      [DLQ_HEADERS.originalOffset]: origin.offset,
      [DLQ_HEADERS.originalTimestamp]: origin.timestamp,
      [DLQ_HEADERS.consumerGroup]: input.groupId,
      [DLQ_HEADERS.errorClass]: described.className,
      [DLQ_HEADERS.errorMessage]: described.message,
      [DLQ_HEADERS.errorStack]: described.stack,
    });
  }
  return {
    topic: input.dlqTopic,
    key: record.key,
    value: record.value,
    headers,
    // A DLQ created by the library has the source's partition count: mirroring keeps one
    // partition's failures in order. A shared, user-named DLQ is partitioned by key instead.
    partition: input.mirrorPartitions ? origin.partition : undefined,
    timestamp: record.timestamp,
  };
}
