import type { BackoffOptions } from '../strategies/backoff.js';
import type { DeadLetterHeaderStyle } from '../failure-records/dead-letter-record.js';
import type { ErrorClassification } from '../strategies/error-classifier.js';
import type { StopScope } from '../strategies/stop-on-error.strategy.js';
import type { FailureTopicNaming } from '../retry-topics/topic-names.js';

/** Stop the partition at the failed record until an operator acts (the default). */
export interface StopOnErrorOptions {
  strategy: 'stop';
  /** 'consumer' stops every partition of the consumer, not only the failing one. @default 'partition' */
  scope?: StopScope;
}

/** Log, count and commit: the record is lost on purpose. Never the default. */
export interface SkipOptions {
  strategy: 'skip';
}

/** Write the failed record to a dead letter topic, then go on. */
export interface DeadLetterOptions {
  strategy: 'dead-letter';
  /** The DLQ: a name, or a function of the source topic. @default `${topic}.dlq` */
  dlqTopic?: FailureTopicNaming['dlqTopic'];
  /** 'spring' writes Spring Kafka's `kafka_dlt-*` headers instead of `x-dlq-*`. @default 'kit' */
  headerStyle?: DeadLetterHeaderStyle;
  /** Back-off of a DLQ write that fails (nothing is committed meanwhile). @default { initialMs: 500, maxMs: 30000 } */
  writeBackoff?: BackoffOptions;
}

/** What a retrying strategy ends in once retries run out or the error is not retryable. */
export type TerminalOptions = StopOnErrorOptions | SkipOptions | DeadLetterOptions;

/** Retry in place, in order, with back-off; then the terminal strategy. */
export interface BlockingRetryOptions {
  strategy: 'blocking-retry';
  /** Tries in all, the first one included. @default 3 */
  attempts?: number;
  /** @default { initialMs: 200, multiplier: 2, maxMs: 10000, jitter: 0.2 } */
  backoff?: BackoffOptions;
  /** @default KafkaKitError.retryable, else retryable */
  classify?: ErrorClassification;
  /** @default { strategy: 'stop' } */
  then?: TerminalOptions;
}

/** Non-blocking retry through `<topic>.retry.<n>` topics, then the DLQ. */
export interface RetryTopicsOptions extends Omit<DeadLetterOptions, 'strategy'> {
  strategy: 'retry-topics';
  /** Delay of each retry topic; one topic per entry. @default [1000, 10000, 60000] */
  delaysMs?: number[];
  /** Retry topic n is `${topic}${retryTopicSuffix}${n}`. @default '.retry.' */
  retryTopicSuffix?: string;
  /** The retry consumer's group is `${groupId}${retryGroupSuffix}`. @default '.retry' */
  retryGroupSuffix?: string;
  /**
   * Keep per-key order: while a key has a record in retry, later records of that key (same
   * partition) wait behind it in the retry topics; other keys flow. @default false
   */
  orderedByKey?: boolean;
  /** @default KafkaKitError.retryable, else retryable */
  classify?: ErrorClassification;
}

/** What happens when a listener throws, or its record cannot be deserialized or validated. */
export type ErrorHandlingOptions =
  StopOnErrorOptions | SkipOptions | DeadLetterOptions | BlockingRetryOptions | RetryTopicsOptions;
