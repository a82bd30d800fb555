import type { ReadRecord } from '../client/topic-reader.js';
import { decodeHeaders, type DecodedHeaders } from '../consumer/headers.js';
import { DLQ_HEADERS, REPLAY_HEADERS, SPRING_DLQ_HEADERS } from '../failure-records/kafka-headers.js';

/** Why and where a dead-lettered record failed, read from its headers (either style). */
export interface DlqFailure {
  /** Topic the record failed on (`x-dlq-original-topic` or Spring's name). */
  originalTopic?: string;
  /** Its partition there. */
  originalPartition?: number;
  /** Its offset there, as a decimal string. */
  originalOffset?: string;
  /** The group that dead-lettered it. */
  consumerGroup?: string;
  /** `x-dlq-reason` (a FailureReason); absent on Spring-style records. */
  reason?: string;
  /** The error's class name. */
  errorClass?: string;
  /** The error's message. */
  errorMessage?: string;
  /** How many times it was tried (`x-dlq-attempts`). */
  attempts?: number;
  /** Epoch ms of the failure that dead-lettered it. */
  failedAt?: number;
}

/** A DLQ record as the tooling shows it. */
export interface DlqRecordView {
  /** The DLQ topic. */
  topic: string;
  /** The partition in the DLQ. */
  partition: number;
  /** The offset in the DLQ, as a decimal string. */
  offset: string;
  /** The DLQ record's timestamp, epoch ms. */
  timestamp: number;
  /** UTF-8 text of the key, or null. */
  key: string | null;
  /** The value as received (never re-encoded). */
  value: Buffer | null;
  /** Every header, as text; Spring's binary numbers decoded. */
  headers: DecodedHeaders;
  /** The failure, decoded from the headers. */
  failure: DlqFailure;
  /** How often this record was replayed already (a loop shows as a growing count). */
  replayCount: number;
}

function text(headers: DecodedHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function spring(raw: ReadRecord['headers'], name: string, bytes: 4 | 8): string | undefined {
  const v = raw?.[name];
  const b = Array.isArray(v) ? v[v.length - 1] : v;
  if (!Buffer.isBuffer(b) || b.length !== bytes) return undefined;
  return bytes === 4 ? String(b.readInt32BE()) : b.readBigInt64BE().toString();
}

const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));

/** Decodes a DLQ record's headers, the library's x-dlq-* or Spring's kafka_dlt-*. */
export function toDlqRecordView(record: ReadRecord): DlqRecordView {
  const headers = decodeHeaders(record.headers);
  const springPartition = spring(record.headers, SPRING_DLQ_HEADERS.originalPartition, 4);
  const springOffset = spring(record.headers, SPRING_DLQ_HEADERS.originalOffset, 8);
  if (springPartition !== undefined) headers[SPRING_DLQ_HEADERS.originalPartition] = springPartition;
  if (springOffset !== undefined) headers[SPRING_DLQ_HEADERS.originalOffset] = springOffset;
  const timestamp = spring(record.headers, SPRING_DLQ_HEADERS.originalTimestamp, 8);
  if (timestamp !== undefined) headers[SPRING_DLQ_HEADERS.originalTimestamp] = timestamp;
  const either = (kit: string, springName: string) => text(headers, kit) ?? text(headers, springName);
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: Number(record.timestamp),
    key: record.key === null ? null : record.key.toString('utf8'),
    value: record.value,
    headers,
    failure: {
      originalTopic: either(DLQ_HEADERS.originalTopic, SPRING_DLQ_HEADERS.originalTopic),
      originalPartition: num(either(DLQ_HEADERS.originalPartition, SPRING_DLQ_HEADERS.originalPartition)),
      originalOffset: either(DLQ_HEADERS.originalOffset, SPRING_DLQ_HEADERS.originalOffset),
      consumerGroup: either(DLQ_HEADERS.consumerGroup, SPRING_DLQ_HEADERS.consumerGroup),
      reason: text(headers, DLQ_HEADERS.reason),
      errorClass: either(DLQ_HEADERS.errorClass, SPRING_DLQ_HEADERS.errorClass),
      errorMessage: either(DLQ_HEADERS.errorMessage, SPRING_DLQ_HEADERS.errorMessage),
      attempts: num(text(headers, DLQ_HEADERS.attempts)),
      failedAt: num(text(headers, DLQ_HEADERS.failedAt)),
    },
    replayCount: Number(text(headers, REPLAY_HEADERS.count) ?? 0),
  };
}
