/** An error constructor, matched with `instanceof` in ErrorClassification. */
// Error classes are matched with instanceof, so any constructor will do.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ErrorClass = abstract new (...args: any[]) => unknown;

/** Which errors are worth retrying. The first rule that matches decides. */
export interface ErrorClassification {
  /** Errors of these classes are never retried. */
  nonRetryable?: ErrorClass[];
  /** Errors of these classes are retried (checked after `nonRetryable`). */
  retryable?: ErrorClass[];
  /** Decides for any error; `undefined` lets the rules below it decide. */
  isRetryable?: (error: unknown) => boolean | undefined;
}

/** Exponential back-off: initialMs, initialMs * multiplier, ... capped at maxMs. */
export interface BackoffOptions {
  /** Delay before the first retry. @default 200 */
  initialMs?: number;
  /** @default 2 */
  multiplier?: number;
  /** Upper bound of one delay. @default 10000 */
  maxMs?: number;
  /**
   * Fraction of each delay drawn at random (0.2: between 80% and 100% of it), so that many
   * consumers failing at once do not retry in lockstep. @default 0.2
   */
  jitter?: number;
}

/** How much stops: the failing partition only, or every partition of the consumer. */
export type StopScope = 'partition' | 'consumer';

/** `kit`: the x-dlq-* contract. `spring`: Spring Kafka's kafka_dlt-* names and encodings. */
export type DeadLetterHeaderStyle = 'kit' | 'spring';

/** A dead letter topic: a fixed name, or a function of the source topic. */
export type DlqTopicNaming = string | ((topic: string) => string);

/** Stop the partition at the failed record until an operator acts (the default). */
export interface StopOnErrorOptions {
  /** Stop on error. */
  strategy: 'stop';
  /** 'consumer' stops every partition of the consumer, not only the failing one. @default 'partition' */
  scope?: StopScope;
}

/** Log, count and commit: the record is lost on purpose. Never the default. */
export interface SkipOptions {
  /** Skip: log, count, commit. */
  strategy: 'skip';
}

/** Write the failed record to a dead letter topic, then go on. */
export interface DeadLetterOptions {
  /** Dead letter queue. */
  strategy: 'dead-letter';
  /** The DLQ: a name, or a function of the source topic. @default `${topic}.dlq` */
  dlqTopic?: DlqTopicNaming;
  /** 'spring' writes Spring Kafka's `kafka_dlt-*` headers instead of `x-dlq-*`. @default 'kit' */
  headerStyle?: DeadLetterHeaderStyle;
  /** Back-off of a DLQ write that fails (nothing is committed meanwhile). @default { initialMs: 500, maxMs: 30000 } */
  writeBackoff?: BackoffOptions;
}

/** What a retrying strategy ends in once retries run out or the error is not retryable. */
export type TerminalOptions = StopOnErrorOptions | SkipOptions | DeadLetterOptions;

/** Retry in place, in order, with back-off; then the terminal strategy. */
export interface BlockingRetryOptions {
  /** Retry in place, then `then`. */
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
  /** Retry topics, then the DLQ. */
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
