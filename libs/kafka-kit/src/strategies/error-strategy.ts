import type { FailureReason } from '../failure-records/failure-reason.js';
import type { ConsumedRecord } from '../client/consumer-client.js';

/** What a strategy may do with the consumer while it deals with one failed record. */
export interface FailureControl {
  /** Runs the listener again on the record (decode, validate, handle); rejects with its error. */
  retry(): Promise<void>;
  /** Keeps the group membership alive during a long recovery. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or the partition is being reassigned. */
  shouldContinue(): boolean;
  /**
   * Pauses the partition without committing the record, and resumes it at `epochMs`, when the
   * record is delivered again. Waiting this way never blocks the consumer or its heartbeats.
   */
  pauseUntil(epochMs: number): void;
  /**
   * The record's failure cannot be written yet (DLQ or retry topic down) and is retried: the
   * partition shows as stopped, of kind `failure-write`, with `message` as its error.
   */
  writeFailing(message: string): void;
  /** The failure was written after failed attempts: the partition no longer shows as stopped. */
  writeRecovered(): void;
}

/** A record whose processing failed, with everything a strategy needs to decide. */
export interface ListenerFailure {
  groupId: string;
  topic: string;
  partition: number;
  record: ConsumedRecord;
  error: unknown;
  /** The listener, as `Class.method`. */
  listener: string;
  control: FailureControl;
  /** Tracing on: the id of the failed record's span, written on its DLQ or retry-topic copy. */
  failedSpanId?: string;
  /** Set by a retrying strategy handing over to its terminal one: why, after how many tries. */
  outcome?: { reason: FailureReason; attempts: number };
}

/**
 * What became of a failed record.
 * - `dead-lettered`, `retry-scheduled`, `skipped`: done with it (durably kept in a DLQ or a retry
 *   topic, or skipped on purpose): the offset may be committed. Where it went is in the verdict so
 *   metrics count DLQ and retry writes apart, whichever strategy made them.
 * - `recovered`: a retry in place succeeded: the offset may be committed.
 * - `stop`: the partition stops at the record, uncommitted, until an operator acts or a restart.
 * - `stop-consumer`: as `stop`, for every partition of the consumer.
 * - `delayed`: the strategy called `pauseUntil`; the record comes again, uncommitted.
 * - `interrupted`: the consumer is stopping or rebalancing; leave the record uncommitted.
 */
export type FailureVerdict =
  | 'dead-lettered'
  | 'retry-scheduled'
  | 'skipped'
  | 'recovered'
  | 'stop'
  | 'stop-consumer'
  | 'delayed'
  | 'interrupted';

/** The verdicts after which the failed record's offset may be committed. */
export function mayCommit(verdict: FailureVerdict): boolean {
  return (
    verdict === 'dead-lettered' ||
    verdict === 'retry-scheduled' ||
    verdict === 'skipped' ||
    verdict === 'recovered'
  );
}

/** Decides what happens to a record whose handler threw or whose payload was unusable. */
export interface ErrorStrategy {
  readonly name: string;
  handle(failure: ListenerFailure): Promise<FailureVerdict>;
  /**
   * It only writes failures elsewhere (its verdicts: `dead-lettered`, `retry-scheduled` or
   * `interrupted`): the consumer may go on with the next records while it writes, and commits
   * them only once every earlier write is confirmed.
   */
  readonly pipelined?: boolean;
  /** The topics it writes for records of `sourceTopic`, created at startup like the source. */
  topicsFor?(sourceTopic: string): string[];
  /** Present when failed records come back through retry topics, consumed by the same listener. */
  readonly retryPath?: RetryPath;
}

/** How the retry topics of a retrying strategy are consumed. */
export interface RetryPath {
  /**
   * Per-key order kept: the retry topics are consumed in the main group, co-partitioned with
   * the source (the member owning a partition owns its retry records), and `mainGate` parks
   * records of keys in retry.
   */
  readonly ordered: boolean;
  /** The group that consumes the retry topics of `mainGroupId`'s listener. */
  groupId(mainGroupId: string): string;
  /** The retry topics of `sourceTopic`, in attempt order. */
  topics(sourceTopic: string): string[];
  /** Gate of the retry topics: a record is held until due (and, ordered, until its turn). */
  admitRetry(record: GatedRecord): Promise<Admission>;
  /** A retried record was handled: ordered retry lets its key's next record go. */
  retried?(record: GatedRecord): Promise<void>;
  /** Ordered retry's gate on the main topic, and what it does when the assignment changes. */
  readonly mainGate?: {
    admit(record: GatedRecord): Promise<Admission>;
    assignmentChanged(): void;
  };
}

/**
 * What the consumer does with a record before its handler (retry topics, ordered retry):
 * `handle` it; it is `done` elsewhere (forwarded to a retry topic: commit it); or `wait`
 * (the strategy paused the partition until it is due; not committed).
 */
export type Admission = 'handle' | 'done' | 'wait';

/** A record about to be handled, with what a gate needs to forward or hold it. */
export type GatedRecord = Pick<ListenerFailure, 'groupId' | 'topic' | 'partition' | 'record' | 'control'>;
