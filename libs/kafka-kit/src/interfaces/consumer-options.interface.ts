import type { ErrorHandlingOptions } from './error-handling-options.interface.js';
import type { OffsetStore } from './offset-store.interface.js';
import type { TopicDeclaration } from './topic-declaration.interface.js';

/** Options every consumer can take; set module-wide in `consumerDefaults`. */
export interface ConsumerDefaults {
  /** A new group starts at the earliest offset instead of the latest. @default false */
  fromBeginning?: boolean;
  /** Partitions processed in parallel (order holds within each partition). @default 1 */
  concurrency?: number;
  /** @default 30000 */
  sessionTimeoutMs?: number;
  /** @default 3000 */
  heartbeatIntervalMs?: number;
  /** How long shutdown waits for in-flight handlers before it disconnects anyway. @default 10000 */
  shutdownTimeoutMs?: number;
  /** Upper bound on bytes fetched per partition per request. @default 1048576 */
  maxBytesPerPartition?: number;
  /**
   * How long the broker may hold a fetch open when no records are waiting. Shutdown waits for
   * the open fetch, so this bounds how long stopping takes. @default 500 (Java's fetch.max.wait.ms)
   */
  fetchMaxWaitMs?: number;
  /**
   * Processed offsets are committed at least this often while a fetched batch is still being
   * handled (and always when it ends), so a crash redelivers at most about this much of a
   * partition's work. @default 1000
   */
  commitIntervalMs?: number;
  /**
   * Also commit once this many records were processed since the last commit; 0: by time only.
   * @default 0
   */
  commitEveryRecords?: number;
  /**
   * A handler call (one record, or one batch) still running after this many milliseconds is
   * given up: the record goes to the listener's error strategy as a HandlerTimeoutError (which
   * names listener, topic, partition, offset and the timeout; `x-dlq-reason: handler-timeout`)
   * and the partition goes on (or stops, with the stop strategy). JavaScript cannot cancel the
   * call: it keeps running, abandoned, with `ctx.signal` aborted, and a warning says when it
   * settles. Its side effects may then overlap the next record's, which is why it is off by
   * default; set it below the session timeout to keep a hung call from getting the member
   * dropped. A listener's own value wins over its consumer's and the module's.
   * @default 0 (no timeout)
   */
  handlerTimeoutMs?: number;
  /**
   * Whether the consumer restarts itself after kafkajs gives up on a retriable error (broker
   * unreachable for longer than the retries). `false` leaves it crashed, which
   * ConsumerStateService and the health checks report, for platforms that restart the pod.
   * @default true
   */
  restartOnCrash?: boolean;
}

/** `@KafkaConsumer(options)`: one consumer group and what all its listeners share. */
export interface KafkaConsumerOptions extends ConsumerDefaults {
  /**
   * The consumer group id; one kafkajs consumer runs per group id. Two classes may share one only
   * with identical options (else startup fails with InvalidListenerError).
   */
  groupId: string;
  /** Error handling of this consumer's listeners; a listener's own wins. @default the module's */
  errorHandling?: ErrorHandlingOptions;
}

/** `@KafkaListener(topics, options)`. */
export interface KafkaListenerOptions {
  /**
   * The handler receives an array of records (one fetched batch of one partition) instead of
   * one record. Records before a failed one are committed; see BatchListenerFailedError.
   * @default false
   */
  batch?: boolean;
  /** Declares the listened topic(s), created at startup when missing. */
  topic?: Omit<TopicDeclaration, 'topic'>;
  /** Payload format. 'buffer' hands over the raw bytes. @default 'json' */
  format?: 'json' | 'string' | 'buffer';
  /**
   * What happens when the handler throws or the record cannot be decoded or validated.
   * @default the consumer's, else the module's, else `{ strategy: 'stop' }`
   */
  errorHandling?: ErrorHandlingOptions;
  /**
   * Key-level parallelism inside each partition, for I/O-bound handlers (an HTTP call, a database
   * write), where partition-level `concurrency` caps a group at partitions / handler latency.
   * Records of different keys run concurrently; records of one key run in order, one at a time;
   * keyless records are independent of each other. Offsets are committed only below the first
   * record not yet done, so after a crash only unfinished records come again. Not for batch
   * listeners. @default undefined: one record at a time per partition
   */
  concurrency?: KeyConcurrency;
  /**
   * Offsets kept in the application's database (exactly-once effects): the handler runs inside
   * one store transaction per record (per batch for batch listeners), reached through
   * `ctx.transaction()`, in which the library saves the offset; each assignment starts at the
   * stored offsets (Kafka's committed ones where none is stored). Kafka commits go on, for lag
   * tools. Records routed by the error strategy have their offset saved once the DLQ or retry
   * write is confirmed. Not with `concurrency` (records would finish out of order).
   * @default undefined: offsets only in Kafka (at-least-once)
   */
  offsetStore?: OffsetStore;

  /**
   * This listener's handler timeout; see ConsumerDefaults.handlerTimeoutMs.
   * @default the consumer's, else the module's consumerDefaults', else 0 (no timeout)
   */
  handlerTimeoutMs?: number;
}

/** `@KafkaListener(topic, { concurrency: { by: 'key', max: 64 } })`. */
export interface KeyConcurrency {
  /** Records of one key run in order; different keys run concurrently. */
  by: 'key';
  /** Records in flight per partition (the fetched batch is the look-ahead). @default 64 */
  max?: number;
}
