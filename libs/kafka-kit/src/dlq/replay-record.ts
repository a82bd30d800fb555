import type { OutgoingRecord } from '../client/producer-client.js';
import { headerText, userHeaders } from '../failure-records/failure-headers.js';
import { DLQ_HEADERS, REPLAY_HEADERS } from '../failure-records/kafka-headers.js';
import { TRACEPARENT, traceparentAfter } from '../tracing/trace-headers.js';
import type { DlqRecordView } from './dlq-record-view.js';
import type { ReadRecord } from '../client/topic-reader.js';

/**
 * The record a replay sends: back to its original topic and partition, key and value as they
 * were, the user's headers without the failure headers, and a replay count one higher, so a
 * record that keeps coming back to the DLQ is visible and can be refused. A traced record's
 * `traceparent` points at the span that failed it (`x-dlq-failed-span-id`).
 */
export function replayRecord(raw: ReadRecord, view: DlqRecordView, now: number): OutgoingRecord | undefined {
  const topic = view.failure.originalTopic;
  if (!topic) return undefined;
  const headers = userHeaders(raw.headers);
  for (const name of Object.values(REPLAY_HEADERS)) delete headers[name];
  // Traced: the replayed record's span becomes a child of the span that failed it, same trace.
  const traceparent = traceparentAfter(
    headerText(raw.headers, TRACEPARENT),
    headerText(raw.headers, DLQ_HEADERS.failedSpanId),
  );
  if (traceparent) headers[TRACEPARENT] = traceparent;
  return {
    topic,
    key: raw.key,
    value: raw.value,
    partition: view.failure.originalPartition,
    headers: {
      ...headers,
      [REPLAY_HEADERS.count]: String(view.replayCount + 1),
      [REPLAY_HEADERS.from]: `${view.topic}/${view.partition}/${view.offset}`,
      [REPLAY_HEADERS.at]: String(now),
    },
  };
}
