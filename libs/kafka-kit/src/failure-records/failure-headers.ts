import type { RecordHeaders } from '../client/consumer-client.js';
import { headerValues, setHeader } from '../client/record-headers.js';
import { LIBRARY_HEADER_PREFIXES, RETRY_HEADERS } from './kafka-headers.js';

export type OutgoingHeaders = Record<string, Buffer | string>;

/** Where a record first entered the library's failure path, and how often it was tried. */
export interface FailureOrigin {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  /** Attempts before this one (0 on the main topic). */
  previousAttempts: number;
  firstFailedAt: number;
  parked: boolean;
}

export function headerText(headers: RecordHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  const one = Array.isArray(v) ? v[v.length - 1] : v;
  return one === undefined ? undefined : one.toString();
}

/** The user's own headers of a record, without the failure headers the library wrote before. */
export function userHeaders(headers: RecordHeaders | undefined): OutgoingHeaders {
  const out: OutgoingHeaders = {};
  if (!headers) return out;
  for (const name of Object.keys(headers)) {
    if (LIBRARY_HEADER_PREFIXES.some((p) => name.startsWith(p))) continue;
    // A repeated header keeps its last value: kafkajs sends one value per name.
    const one = headerValues(headers, name).at(-1);
    if (one !== undefined) setHeader(out, name, one);
  }
  return out;
}

/**
 * The main-topic coordinates of a failed record: its own, or those its retry headers carry when
 * it failed again in a retry topic.
 */
export function failureOrigin(
  topic: string,
  partition: number,
  record: { offset: string; timestamp: string; headers?: RecordHeaders },
  now: number,
): FailureOrigin {
  const h = record.headers;
  const originalTopic = headerText(h, RETRY_HEADERS.originalTopic);
  if (originalTopic === undefined) {
    return {
      topic,
      partition,
      offset: record.offset,
      timestamp: record.timestamp,
      previousAttempts: 0,
      firstFailedAt: now,
      parked: false,
    };
  }
  return {
    topic: originalTopic,
    partition: Number(headerText(h, RETRY_HEADERS.originalPartition)),
    offset: headerText(h, RETRY_HEADERS.originalOffset) ?? '-1',
    timestamp: headerText(h, RETRY_HEADERS.originalTimestamp) ?? record.timestamp,
    previousAttempts: Number(headerText(h, RETRY_HEADERS.attempt) ?? 0),
    firstFailedAt: Number(headerText(h, RETRY_HEADERS.firstFailedAt) ?? now),
    parked: headerText(h, RETRY_HEADERS.parked) === 'true',
  };
}

/** When a retry-topic record is due (epoch ms); 0 (due now) if the header is missing. */
export function retryDueAt(record: { headers?: RecordHeaders }): number {
  return Number(headerText(record.headers, RETRY_HEADERS.dueAt) ?? 0);
}
