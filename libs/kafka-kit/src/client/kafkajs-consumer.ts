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
import { isRetriableProtocolError } from './kafkajs-retriable.js';

/** A kafkajs consumer for one group: at-least-once, processed offsets committed during and after each batch. */
export class KafkajsConsumerClient implements ConsumerClient {
  private readonly consumer: Consumer;
  private readonly topics: string[] = [];

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
      retry: { restartOnFailure: async () => options.restartOnCrash },
      allowAutoTopicCreation: false,
    });
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
          (listener as (p: ConsumerEvents['crashed']) => void)({
            error,
            restart: payload.restart,
            transient: payload.restart && isRetriableProtocolError(payload.error),
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
    await this.consumer.connect();
  }

  async subscribe(topics: (string | RegExp)[], fromBeginning: boolean): Promise<void> {
    this.topics.push(...topics.map(String));
    await this.consumer.subscribe({ topics, fromBeginning });
  }

  /** Starts fetching; `onBatch` is called per partition batch, `concurrency` partitions at once. */
  async run(
    concurrency: number,
    onBatch: (batch: FetchedBatch, control: BatchControl) => Promise<void>,
  ): Promise<void> {
    await this.consumer.run({
      autoCommit: true,
      // kafkajs commits after every batch; within one, the loops decide when (commitIntervalMs,
      // commitEveryRecords) and kafkajs' interval of 0 makes commitOffsetsIfNecessary() commit then.
      autoCommitInterval: 0,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: concurrency,
      eachBatch: (payload: EachBatchPayload) =>
        onBatch(
          {
            topic: payload.batch.topic,
            partition: payload.batch.partition,
            highWatermark: payload.batch.highWatermark,
            records: payload.batch.messages,
          },
          {
            markProcessed: payload.resolveOffset,
            heartbeat: payload.heartbeat,
            shouldContinue: () => payload.isRunning() && !payload.isStale(),
            pause: payload.pause,
            commit: () => payload.commitOffsetsIfNecessary(),
          },
        ),
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

  /** Moves the partition's position to `offset`; kafkajs commits it before the next fetch. */
  seek(topic: string, partition: number, offset: string): void {
    this.consumer.seek({ topic, partition, offset });
  }

  /** Stops fetching, waits for the running batch, commits what was processed, leaves the group. */
  disconnect(): Promise<void> {
    return this.consumer.disconnect();
  }
}
