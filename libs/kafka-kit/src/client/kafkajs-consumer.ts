import { registerInstalledCodecs } from './compression-codecs.js';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type {
  BatchControl,
  ConsumerClient,
  ConsumerClientOptions,
  ConsumerEvents,
  FetchedBatch,
} from './consumer-client.js';
import { CopartitionedAssigner } from './copartitioned-assigner.js';
import { explainCrash } from './authorization-failure.js';
import { missingSubscribedTopics } from './kafkajs-missing-topics.js';
import { isRetriableProtocolError } from './kafkajs-retriable.js';
import { RestartBackoff } from './restart-backoff.js';
import { SerialCommits } from './serial-commits.js';
import { CommitHolds } from './commit-holds.js';
import { commitMarked } from './kafkajs-marked-commit.js';

/** A kafkajs consumer for one group: at-least-once, processed offsets committed during and after each batch. */
export class KafkajsConsumerClient implements ConsumerClient {
  private readonly consumer: Consumer;
  private readonly topics: string[] = [];
  // The subscriptions by name (a pattern has no topic to look for).
  private readonly named: string[] = [];
  // The topics found missing after a crash, asked once per crash error: the restart decision and
  // the crash event both need them.
  private readonly missing = new WeakMap<Error, Promise<string[]>>();
  private readonly backoff = new RestartBackoff();
  private readonly commits = new SerialCommits();
  // Released holds commit through the last batch's payload (kafkajs has no commit of resolved
  // offsets outside one); a failed commit leaves its offsets to the next.
  // Not once disconnect() began: kafkajs closes its sockets under such a commit ('write after end').
  private lastPayload?: EachBatchPayload;
  private readonly holds = new CommitHolds(() => {
    const payload = this.lastPayload;
    if (payload && !this.stopping)
      this.released = this.commits
        .now(async () => (this.stopping ? undefined : commitMarked(payload, this.holds)))
        .catch(() => undefined);
  });
  // The commit of the last released hold, which disconnect() lets finish before kafkajs stops.
  private released: Promise<void> = Promise.resolve();
  private stopping = false;
  // kafkajs' isStale() serializes [topic, partition] to JSON on each call, and the loops ask
  // before every record; only a seek of ours can make a batch stale, so until one the answer is no.
  private seeked = false;
  // Positions set by seek() that kafkajs applies at its next fetch. Without its autoCommit it
  // would not commit them, so they are committed right after that fetch, before any batch of it.
  private readonly seeks: { topic: string; partition: number; offset: string }[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly options: ConsumerClientOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: options.heartbeatIntervalMs,
      maxBytesPerPartition: options.maxBytesPerPartition,
      partitionAssigners: options.copartitioned ? [CopartitionedAssigner] : undefined,
      maxWaitTimeInMs: options.fetchMaxWaitMs,
      retry: { restartOnFailure: (error) => this.restartOnFailure(error) },
      allowAutoTopicCreation: false,
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => this.backoff.reset());
  }

  /**
   * kafkajs restarts after a retriable crash in `initialRetryTime` (300 ms), and a subscribed
   * topic that is gone crashes the restart again: a loop of restarts many times a second. That
   * restart waits with back-off instead, through the `retryTime` kafkajs reads off the error.
   */
  private async restartOnFailure(error: Error): Promise<boolean> {
    if (!this.options.restartOnCrash) return false;
    if ((await this.missingTopics(error)).length > 0)
      Object.assign(error, { retryTime: this.backoff.next() });
    return true;
  }

  private missingTopics(error: Error): Promise<string[]> {
    let missing = this.missing.get(error);
    if (!missing) this.missing.set(error, (missing = missingSubscribedTopics(this.kafka, error, this.named)));
    return missing;
  }

  on<E extends keyof ConsumerEvents>(event: E, listener: (payload: ConsumerEvents[E]) => void): void {
    const e = this.consumer.events;
    switch (event) {
      case 'joined':
        this.consumer.on(e.GROUP_JOIN, ({ payload }) =>
          (listener as (p: ConsumerEvents['joined']) => void)({
            memberId: payload.memberId,
            assignment: payload.memberAssignment,
          }),
        );
        return;
      case 'rebalancing':
        this.consumer.on(e.REBALANCING, () => (listener as (p: object) => void)({}));
        return;
      case 'crashed':
        // An authorization failure is told as such: which group or topics, and whose ACL.
        this.consumer.on(e.CRASH, async ({ payload }) => {
          const { groupId, principal } = this.options;
          const error = await explainCrash(this.kafka, payload.error, {
            groupId,
            topics: this.topics,
            principal,
          });
          const missingTopics = await this.missingTopics(payload.error);
          (listener as (p: ConsumerEvents['crashed']) => void)({
            error,
            restart: payload.restart,
            transient:
              payload.restart && missingTopics.length === 0 && isRetriableProtocolError(payload.error),
            ...(missingTopics.length > 0 && { missingTopics }),
          });
        });
        return;
      case 'stopped':
        this.consumer.on(e.STOP, () => (listener as (p: object) => void)({}));
        return;
      case 'heartbeat':
        this.consumer.on(e.HEARTBEAT, () => (listener as (p: object) => void)({}));
        return;
      case 'batchProcessed':
        this.consumer.on(e.END_BATCH_PROCESS, ({ payload }) =>
          (listener as (p: ConsumerEvents['batchProcessed']) => void)({
            topic: payload.topic,
            partition: payload.partition,
            offsetLag: payload.offsetLag,
            batchSize: payload.batchSize,
          }),
        );
        return;
    }
  }

  async connect(): Promise<void> {
    await registerInstalledCodecs();
    this.stopping = false;
    await this.consumer.connect();
  }

  async subscribe(topics: (string | RegExp)[], fromBeginning: boolean): Promise<void> {
    this.topics.push(...topics.map(String));
    this.named.push(...topics.filter((t) => typeof t === 'string'));
    await this.consumer.subscribe({ topics, fromBeginning });
  }

  /** Starts fetching; `onBatch` is called per partition batch, `concurrency` partitions at once. */
  async run(
    concurrency: number,
    onBatch: (batch: FetchedBatch, control: BatchControl) => Promise<void>,
  ): Promise<void> {
    const { commits } = this;
    this.consumer.on(this.consumer.events.FETCH, () => {
      const offsets = this.seeks.splice(0);
      if (offsets.length > 0) commits.later(() => this.consumer.commitOffsets(offsets));
    });
    await this.consumer.run({
      // kafkajs' autoCommit awaits a commit after every batch before it fetches again: a round
      // trip to the group coordinator in every record's end-to-end latency. Here the batch-end
      // commit is started and not waited for, except when the consumer stops or the batch threw;
      // commits run one at a time, and one that fails leaves its offsets to the next.
      autoCommit: false,
      // Read by commitOffsetsIfNecessary(): 0 makes every call commit; the loops decide when
      // inside a batch (commitIntervalMs, commitEveryRecords).
      autoCommitInterval: 0,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: concurrency,
      eachBatch: async (payload: EachBatchPayload) => {
        // A batch-end commit that failed fails the next batch, as kafkajs' own commit did.
        commits.rethrow();
        this.lastPayload = payload;
        const commit = () => commits.now(() => commitMarked(payload, this.holds));
        try {
          await onBatch(
            {
              topic: payload.batch.topic,
              partition: payload.batch.partition,
              highWatermark: payload.batch.highWatermark,
              records: payload.batch.messages,
            },
            {
              markProcessed: payload.resolveOffset,
              holdCommits: (offset) => this.holds.hold(payload.batch.topic, payload.batch.partition, offset),
              heartbeat: payload.heartbeat,
              shouldContinue: () => payload.isRunning() && !(this.seeked && payload.isStale()),
              pause: payload.pause,
              commit,
            },
          );
        } catch (error) {
          await commit();
          throw error;
        }
        if (payload.isRunning()) commits.later(() => commitMarked(payload, this.holds));
        else await commit();
      },
    });
  }

  pause(topic: string, partitions: number[]): void {
    this.consumer.pause([{ topic, partitions }]);
  }

  resume(topic: string, partitions: number[]): void {
    this.consumer.resume([{ topic, partitions }]);
  }

  /** The partitions paused now, by topic (a topic paused as a whole lists its assigned ones). */
  paused(): { topic: string; partitions: number[] }[] {
    return this.consumer.paused();
  }

  /** Pauses every partition of `topics`. */
  pauseTopics(topics: string[]): void {
    if (topics.length > 0) this.consumer.pause(topics.map((topic) => ({ topic })));
  }

  resumeTopics(topics: string[]): void {
    if (topics.length > 0) this.consumer.resume(topics.map((topic) => ({ topic })));
  }

  /** Moves the partition's position to `offset`; committed after kafkajs' next fetch. */
  seek(topic: string, partition: number, offset: string): void {
    this.seeked = true;
    this.consumer.seek({ topic, partition, offset });
    this.seeks.push({ topic, partition, offset });
  }

  /**
   * Stops fetching, waits for the running batch, commits what was processed, leaves the group.
   * kafkajs is told at once, not after the batch-end commits in flight (only after the commit of
   * a hold just released, queued behind them): until it stops, batches go on (and may pause
   * partitions with timers their owner already cleared). A running batch
   * ends with an awaited commit, queued behind those; with none running, kafkajs leaves after
   * its fetch in progress returns, by when they are done (a late one fails, and its records
   * come again: at-least-once holds).
   */
  async disconnect(): Promise<void> {
    // A failure write confirmed on the way out commits what it held back first.
    await this.released;
    this.stopping = true;
    // Seeks no fetch applied yet (an operator's skip just before the stop); failed, the skip is undone.
    const seeks = this.seeks.splice(0);
    if (seeks.length > 0) await this.commits.now(() => this.consumer.commitOffsets(seeks)).catch(() => null);
    return this.consumer.disconnect();
  }
}
