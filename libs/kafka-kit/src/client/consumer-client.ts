/** Record headers as delivered: a header sent more than once has all its values, in order. */
export interface RecordHeaders {
  [name: string]: Buffer | string | (Buffer | string)[] | undefined;
}

/** One consumed record, as the broker sent it. */
export interface ConsumedRecord {
  key: Buffer | null;
  value: Buffer | null;
  /** Epoch ms as a string. */
  timestamp: string;
  offset: string;
  headers?: RecordHeaders;
}

/** Records fetched from one partition in one go. */
export interface FetchedBatch {
  topic: string;
  partition: number;
  /** Log-end offset of the partition when fetched. */
  highWatermark: string;
  records: ConsumedRecord[];
}

/** What a batch handler may do with the consumer while it processes a batch. */
export interface BatchControl {
  /** Marks `offset` processed: the next commit covers it. */
  markProcessed(offset: string): void;
  /**
   * Keeps this partition's commits at or below `offset` (a failure whose write is not confirmed
   * yet) until the returned function is called, also across batches; marks past it still move
   * the next fetch. Releasing the last hold of a partition commits what it held back.
   */
  holdCommits(offset: string): () => void;
  /** Keeps the group membership alive during long work (a no-op where the client heartbeats by itself). */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping or rebalancing away from this batch. */
  shouldContinue(): boolean;
  /** Pauses this partition; returns a function that resumes it. */
  pause(): () => void;
  /** Commits the processed offsets now, inside the batch (they are at its end anyway). */
  commit(): Promise<void>;
}

/** Handles one partition's batch; the consumer commits what it marked when it returns. */
export type BatchHandler = (batch: FetchedBatch, control: BatchControl) => Promise<void>;

export interface ConsumerClientOptions {
  groupId: string;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  /**
   * The session timeout and heartbeat interval the app set itself (not the library's defaults):
   * under KIP-848 they are group configs on the broker, written only when the app asks.
   */
  appTimeouts?: { sessionTimeoutMs?: number; heartbeatIntervalMs?: number };
  maxBytesPerPartition: number;
  /** Partition p of every subscribed topic goes to one member (ordered retry needs it). */
  copartitioned?: boolean;
  fetchMaxWaitMs: number;
  restartOnCrash: boolean;
  /** `User:<SASL username>`, to say whom an ACL refused. */
  principal?: string;
}

/** Consumer lifecycle events, in the library's own terms. */
export interface ConsumerEvents {
  joined: { memberId: string; assignment: Record<string, number[]> };
  rebalancing: Record<string, never>;
  /**
   * `transient`: the client restarts after one retriable broker answer (a coordinator loading).
   * `missingTopics`: subscribed topics the cluster does not have (deleted, auto-creation off) made
   * it crash; with `restart`, the client tries again with back-off (0.5 s doubled up to 10 s)
   * until they exist, and `joined` follows.
   */
  crashed: { error: Error; restart: boolean; transient: boolean; missingTopics?: string[] };
  stopped: Record<string, never>;
  heartbeat: Record<string, never>;
  batchProcessed: { topic: string; partition: number; offsetLag: string; batchSize: number };
}

/**
 * A consumer for one group, whichever Kafka client drives it: at-least-once, processed offsets
 * committed during and after each batch.
 */
export interface ConsumerClient {
  on<E extends keyof ConsumerEvents>(event: E, listener: (payload: ConsumerEvents[E]) => void): void;
  connect(): Promise<void>;
  subscribe(topics: (string | RegExp)[], fromBeginning: boolean): Promise<void>;
  /**
   * Starts fetching; `onBatch` is called per partition batch, `concurrency` partitions at once.
   * Resolves once the consumer joined its group and knows its first assignment.
   */
  run(concurrency: number, onBatch: BatchHandler): Promise<void>;
  pause(topic: string, partitions: number[]): void;
  resume(topic: string, partitions: number[]): void;
  /** The partitions paused now, by topic (a topic paused as a whole lists its assigned ones). */
  paused(): { topic: string; partitions: number[] }[];
  /** Pauses every partition of `topics`. */
  pauseTopics(topics: string[]): void;
  resumeTopics(topics: string[]): void;
  /** Moves the partition's position to `offset`, committed before the next fetch's batches or at disconnect. */
  seek(topic: string, partition: number, offset: string): void;
  /** Stops fetching, waits for the running batch, commits what was processed, leaves the group. */
  disconnect(): Promise<void>;
}
