import { Logger } from '@nestjs/common';
import type { BatchControl, ConsumerClient, FetchedBatch } from '../client/consumer-client.js';
import type { KafkaConnection } from '../client/kafka-connection.js';
import { NoListenerForTopicError } from '../errors/no-listener-for-topic.error.js';
import { OffsetRestorer } from '../offset-store/offset-restorer.js';
import { handleAsBatch } from './batch-loop.js';
import { offsetReloadFailed, subscribedTopicsBack, subscribedTopicsMissing } from './consumer.messages.js';
import { handleRecordsByKey } from './key-concurrent-loop.js';
import { FailureDispatcher, type PartitionPauses } from './failure-dispatcher.js';
import type { RouteTable } from './listener-route.js';
import { handleRecords, type LoopDependencies } from './record-loop.js';
import type { ResolvedConsumerOptions } from './resolved-consumer-options.js';
import type { ConsumerObservers } from './state/consumer-observers.js';
import type { GroupState } from './state/group-state.js';

// kafkajs throttles heartbeats itself; the loops ask for one (and a commit) at most this often.
const HEARTBEAT_CHECK_MS = 1000;

/** The outcome of an operator action on a partition (see StoppedPartitionsService). */
export type ResumeOutcome = 'resumed' | 'not-stopped' | 'offset-moved' | 'failure-write' | 'offset-store';

/**
 * One consumer group: one Kafka consumer feeding its listeners, at-least-once. Its lifecycle,
 * the dispatch of each fetched batch to its listener's loop, and the pauses that outlive a
 * batch; the only writer of its group's state.
 */
export class GroupConsumer implements PartitionPauses {
  private readonly logger: Logger;
  private readonly loop: LoopDependencies;
  private client?: ConsumerClient;
  private restorer?: OffsetRestorer;
  // Resumes scheduled by pauseUntil; cleared at shutdown so no timer outlives the consumer.
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  // Set by a stop with scope 'consumer': every topic stays paused until no partition is stopped.
  private consumerStopped = false;

  constructor(
    readonly options: ResolvedConsumerOptions,
    readonly routes: RouteTable,
    private readonly state: GroupState,
    observers: ConsumerObservers,
  ) {
    this.logger = new Logger(`KafkaConsumer:${options.groupId}`);
    this.loop = {
      failures: new FailureDispatcher(options.groupId, state, observers, this),
      observers,
      cadence: {
        heartbeatMs: HEARTBEAT_CHECK_MS,
        commitMs: options.commitIntervalMs,
        commitEveryRecords: options.commitEveryRecords,
      },
    };
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Connects, subscribes and joins; resolves once partitions are assigned. */
  async start(connection: KafkaConnection): Promise<void> {
    const { state } = this;
    const stores = new Set(this.routes.all.flatMap((r) => (r.offsetStore ? [r.offsetStore] : [])));
    for (const store of stores) await store.init?.();
    const client = connection.createConsumer({ ...this.options, copartitioned: this.routes.copartitioned });
    this.client = client;
    const restorer =
      stores.size > 0
        ? new OffsetRestorer(this.groupId, client, (topic) => this.routes.routeFor(topic)?.offsetStore, {
            // A partition already stopped for another reason keeps that reason.
            unreadable: (topic, partition, error, since) => {
              if (!state.stoppedAt(topic, partition))
                state.partitionStopped({ kind: 'offset-store', topic, partition, offset: '', error, since });
            },
            readable: (topic, partition) => void state.partitionResumed(topic, partition, 'offset-store'),
          })
        : undefined;
    this.restorer = restorer;
    client.on('joined', ({ assignment }) => {
      // Before anything else: the restorer pauses its partitions before kafkajs fetches them.
      void restorer?.assigned(assignment);
      const missing = state.snapshot().missingTopics;
      if (missing) this.logger.log(subscribedTopicsBack(missing.topics, Date.now() - missing.since));
      for (const route of this.routes.all) route.assignmentChanged?.();
      state.joined(assignment);
    });
    client.on('rebalancing', () => state.rebalancing());
    client.on('heartbeat', () => state.heartbeat());
    client.on('stopped', () => state.transition('stopped'));
    client.on('crashed', ({ error, restart, transient, missingTopics }) => {
      // kafkajs restarts itself after retriable errors; after the others the consumer is dead
      // while the process lives on, which must never be silent. One retriable broker answer (a
      // fresh broker's coordinator still loading) is routine: debug, still in the group's state.
      // A subscribed topic gone (auto-creation off) crashes every restart until it is back: one
      // warning when it goes missing, each attempt at debug (the client waits with back-off).
      if (missingTopics && restart) {
        const known = state.snapshot().missingTopics?.topics.join();
        if (known === missingTopics.join()) this.logger.debug(`consumer restarts: ${error.message}`);
        else this.logger.warn(subscribedTopicsMissing(missingTopics, error));
        state.topicsMissing(missingTopics, error);
      } else if (transient) {
        this.logger.debug(`consumer restarts after a retriable broker answer: ${error.message}`);
        state.transition('starting', error);
      } else if (restart) {
        this.logger.warn(`consumer crashed and restarts: ${error.message}`);
        state.transition('starting', error);
      } else {
        this.logger.error(`consumer crashed and will NOT restart: ${error.message}`);
        state.transition('crashed', error);
      }
    });
    client.on('batchProcessed', ({ topic, partition, offsetLag }) => {
      state.activitySlot(topic, partition).positionLag = offsetLag;
    });
    await client.connect();
    for (const { topics, fromBeginning } of this.routes.subscriptions(this.options.fromBeginning))
      await client.subscribe(topics, fromBeginning);
    await client.run(this.options.concurrency, (batch, control) => this.handleBatch(batch, control));
  }

  /**
   * Waits for the failure writes in flight, stops fetching, lets the running batch finish, commits
   * and leaves the group, all within `shutdownTimeoutMs`.
   */
  async stop(): Promise<void> {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    this.restorer?.stop();
    if (!this.client) return;
    const timeout = this.options.shutdownTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeout)));
    // Failure writes carried past their batch first: once confirmed, they commit what they held
    // back while the client still runs (bounded by the same timeout).
    const client = this.client;
    const leaving = this.loop.failures.writesSettled().then(() => client.disconnect());
    const result = await Promise.race([leaving.then(() => 'done' as const), expired]);
    clearTimeout(timer);
    if (result === 'timeout')
      this.logger.warn(`in-flight handlers did not finish within ${timeout} ms; disconnected anyway`);
    this.state.transition('stopped');
  }

  /**
   * One fetched batch of one partition through the listener pipeline. Public for the routing
   * test harness, which feeds batches without a broker; the consumer calls it for every fetch.
   */
  async handleBatch(batch: FetchedBatch, control: BatchControl): Promise<void> {
    const route = this.routes.routeFor(batch.topic);
    if (!route) {
      const error = new NoListenerForTopicError(this.groupId, batch.topic);
      this.logger.error(error.message);
      this.loop.failures.stopPartition(batch, batch.records[0]!, error, control);
      return;
    }
    const slot = this.state.activitySlot(batch.topic, batch.partition);
    if (route.batch) await handleAsBatch(this.loop, route, batch, control, slot);
    else if (route.keyConcurrency !== undefined)
      await handleRecordsByKey(this.loop, route, batch, control, slot, route.keyConcurrency);
    else await handleRecords(this.loop, route, batch, control, slot);
  }

  /** Waits for the failure writes the partition's batches left in flight (the routing harness). */
  settleFailures(topic: string, partition: number): Promise<void> {
    return this.loop.failures.settle(this.state.activitySlot(topic, partition));
  }

  pauseUntil(topic: string, partition: number, control: BatchControl, at: number): void {
    control.pause();
    const timer = setTimeout(
      () => {
        this.resumeTimers.delete(timer);
        this.client?.resume(topic, [partition]);
      },
      Math.max(0, at - Date.now()),
    );
    this.resumeTimers.add(timer);
  }

  reloadOffsets(topic: string, partition: number): void {
    void this.restorer
      ?.reload(topic, partition)
      .catch((error: unknown) => this.logger.error(offsetReloadFailed(topic, partition, error)));
  }

  stopConsumer(): void {
    this.consumerStopped = true;
    this.client?.pauseTopics(this.state.assignedTopics);
  }

  /**
   * Operator action on a partition stopped on an error: `skip` moves past the stopped record
   * (committing offset + 1); otherwise the record is tried again. A partition stopped because
   * its failure write is retrying, or held while its offset store cannot be read, is never
   * moved: it goes on by itself once the write succeeds or the store answers.
   */
  resumeStopped(topic: string, partition: number, skip: boolean, expectedOffset?: string): ResumeOutcome {
    const stopped = this.state.stoppedAt(topic, partition);
    if (!stopped || !this.client) return 'not-stopped';
    if (stopped.kind !== 'stop-on-error') return stopped.kind;
    if (expectedOffset !== undefined && expectedOffset !== stopped.offset) return 'offset-moved';
    if (skip) this.client.seek(topic, partition, (BigInt(stopped.offset) + 1n).toString());
    this.state.partitionResumed(topic, partition, 'stop-on-error');
    if (this.consumerStopped && !this.state.anyStopped) {
      this.consumerStopped = false;
      this.client.resumeTopics(this.state.assignedTopics);
    }
    this.client.resume(topic, [partition]);
    return 'resumed';
  }
}
