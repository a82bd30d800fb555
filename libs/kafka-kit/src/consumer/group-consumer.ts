import { Logger } from '@nestjs/common';
import type {
  BatchControl,
  ConsumedRecord,
  ConsumerClient,
  FetchedBatch,
} from '../client/consumer-client.js';
import type { KafkaConnection } from '../client/kafka-connection.js';
import type { ResolvedConsumerOptions } from './resolved-consumer-options.js';
import type { ConsumerStateService } from './consumer-state.service.js';
import type { PartitionActivity } from './consumer-state.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import { KafkaContext } from './kafka-context.js';
import type { ListenerRoute, RouteTable } from './listener-route.js';
import { PendingFailures } from './pending-failures.js';
import { BatchListenerFailedError } from '../errors/batch-listener-failed.error.js';
import { mayCommit, type FailureControl, type GatedRecord } from '../strategies/error-strategy.js';
import { ListenerRouting } from '../strategies/listener-routing.js';
import { NoListenerForTopicError } from '../errors/no-listener-for-topic.error.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';
import { errorSummary } from '../errors/error-summary.js';

// kafkajs throttles heartbeats itself, but awaiting one per record still costs a few
// microtasks; asking at most this often keeps the hot loop lean.
const HEARTBEAT_CHECK_MS = 1000;

/** One consumer group: one kafkajs consumer feeding its listeners, at-least-once. */
export class GroupConsumer {
  private readonly logger: Logger;
  private client?: ConsumerClient;
  // Resumes scheduled by pauseUntil; cleared at shutdown so no timer outlives the consumer.
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  // Set by a stop with scope 'consumer': every topic stays paused until no partition is stopped.
  private consumerStopped = false;

  constructor(
    readonly options: ResolvedConsumerOptions,
    readonly routes: RouteTable,
    private readonly state: ConsumerStateService,
  ) {
    this.logger = new Logger(`KafkaConsumer:${options.groupId}`);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Connects, subscribes and joins; resolves once partitions are assigned. */
  async start(connection: KafkaConnection): Promise<void> {
    const { groupId } = this.options;
    this.state.register(groupId);
    const client = connection.createConsumer({ ...this.options, copartitioned: this.routes.copartitioned });
    this.client = client;
    client.on('joined', ({ assignment }) => {
      for (const route of this.routes.all) route.assignmentChanged?.();
      this.state.joined(groupId, assignment);
    });
    client.on('rebalancing', () => this.state.rebalancing(groupId));
    client.on('heartbeat', () => this.state.heartbeat(groupId));
    client.on('stopped', () => this.state.transition(groupId, 'stopped'));
    client.on('crashed', ({ error, restart }) => {
      // kafkajs restarts itself after retriable errors; after the others the consumer is dead
      // while the process lives on, which must never be silent.
      if (restart) {
        this.logger.warn(`consumer crashed and restarts: ${error.message}`);
        this.state.transition(groupId, 'starting', error);
      } else {
        this.logger.error(`consumer crashed and will NOT restart: ${error.message}`);
        this.state.transition(groupId, 'crashed', error);
      }
    });
    client.on('batchProcessed', ({ topic, partition, offsetLag }) => {
      this.state.activitySlot(groupId, topic, partition).positionLag = offsetLag;
    });
    await client.connect();
    for (const { topics, fromBeginning } of this.routes.subscriptions(this.options.fromBeginning))
      await client.subscribe(topics, fromBeginning);
    await client.run(this.options.concurrency, (batch, control) => this.handleBatch(batch, control));
  }

  /** Stops fetching, lets the running batch finish (bounded), commits, leaves the group. */
  async stop(): Promise<void> {
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    if (!this.client) return;
    const timeout = this.options.shutdownTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeout)));
    const result = await Promise.race([this.client.disconnect().then(() => 'done' as const), expired]);
    clearTimeout(timer);
    if (result === 'timeout')
      this.logger.warn(`in-flight handlers did not finish within ${timeout} ms; disconnected anyway`);
    this.state.transition(this.groupId, 'stopped');
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
      this.stopPartition(batch, batch.records[0]!, error, control);
      return;
    }
    const slot = this.state.activitySlot(this.groupId, batch.topic, batch.partition);
    if (route.batch) await this.handleAsBatch(route, batch, control, slot);
    else await this.handleEach(route, batch, control, slot);
  }

  private async handleEach(
    route: ListenerRoute,
    batch: FetchedBatch,
    control: BatchControl,
    slot: PartitionActivity,
  ) {
    const { topic, partition, records } = batch;
    const { admit, handled } = route;
    // Strategies that only record failures let the partition go on while they write; the
    // bookkeeping is allocated at the first failure, so a clean batch pays nothing for it.
    const pipelined = route.errorStrategy.pipelined === true && !admit;
    let pending: PendingFailures | undefined;
    let lastHeartbeat = Date.now();
    try {
      for (const record of records) {
        if (!control.shouldContinue()) return;
        // Only retry and ordered routes have a gate; the plain path pays one undefined check.
        const gated = admit || handled ? this.gated(route, slot, record, control) : undefined;
        if (admit !== undefined) {
          const admission = await admit(gated!);
          if (admission === 'wait') return;
          if (admission === 'done') {
            control.markProcessed(record.offset);
            continue;
          }
        }
        slot.offset = record.offset;
        const started = (slot.handlingSince = Date.now());
        try {
          const payload = route.decode(record, { topic, partition, offset: record.offset });
          const result = await route.invoke(payload, new KafkaContext(topic, partition, record, control));
          if (result instanceof ListenerRouting) throw new RoutedByHandlerError(result);
          if (handled !== undefined) await handled(gated!);
          this.state.handled(slot, 1, Date.now() - started);
        } catch (error) {
          if (pipelined)
            (pending ??= new PendingFailures()).add(
              record.offset,
              this.onFailure(route, slot, record, error, control),
            );
          else if (!(await this.onFailure(route, slot, record, error, control))) return;
        }
        if (pending && !pending.empty) {
          pending.done(record.offset);
          if (pending.full && !(await pending.settle((o) => control.markProcessed(o)))) return;
        } else control.markProcessed(record.offset);
        if (slot.lastProgressAt - lastHeartbeat > HEARTBEAT_CHECK_MS) {
          lastHeartbeat = slot.lastProgressAt;
          await control.heartbeat();
        }
      }
    } finally {
      if (pending && !pending.empty) await pending.settle((o) => control.markProcessed(o));
    }
  }

  /**
   * The handler gets the batch's payloads at once. Records that cannot be decoded split the
   * batch: the valid ones before it are handled, then the bad one goes to the error strategy.
   * A handler that throws BatchListenerFailedError(index) commits the records before `index`.
   */
  private async handleAsBatch(
    route: ListenerRoute,
    batch: FetchedBatch,
    control: BatchControl,
    slot: PartitionActivity,
  ) {
    const { topic, partition } = batch;
    let pending = batch.records;
    while (pending.length > 0 && control.shouldContinue()) {
      const payloads: unknown[] = [];
      const contexts: KafkaContext[] = [];
      let decodeError: unknown;
      for (const record of pending) {
        try {
          payloads.push(route.decode(record, { topic, partition, offset: record.offset }));
          contexts.push(new KafkaContext(topic, partition, record, control));
        } catch (error) {
          decodeError = error;
          break;
        }
      }
      const good = pending.slice(0, payloads.length);
      if (good.length > 0) {
        slot.offset = good[good.length - 1]!.offset;
        const started = (slot.handlingSince = Date.now());
        try {
          await route.invoke(payloads, new KafkaBatchContext(topic, partition, contexts));
          this.state.handled(slot, good.length, Date.now() - started);
          control.markProcessed(good[good.length - 1]!.offset);
        } catch (error) {
          const failedAt = error instanceof BatchListenerFailedError ? error.index : 0;
          if (failedAt > 0) {
            this.state.handled(slot, failedAt, Date.now() - started);
            control.markProcessed(good[failedAt - 1]!.offset);
          }
          const cause = error instanceof BatchListenerFailedError ? error.cause : error;
          if (!(await this.onFailure(route, slot, good[failedAt]!, cause, control))) return;
          control.markProcessed(good[failedAt]!.offset);
          pending = pending.slice(failedAt + 1);
          continue;
        }
      }
      pending = pending.slice(good.length);
      if (decodeError !== undefined) {
        if (!(await this.onFailure(route, slot, pending[0]!, decodeError, control))) return;
        control.markProcessed(pending[0]!.offset);
        pending = pending.slice(1);
      }
    }
  }

  /** Returns true when the failure was recorded and processing may go on past the record. */
  private async onFailure(
    route: ListenerRoute,
    slot: PartitionActivity,
    record: ConsumedRecord,
    error: unknown,
    control: BatchControl,
  ): Promise<boolean> {
    const strategy = route.errorStrategy;
    const verdict = await strategy.handle({
      ...this.gated(route, slot, record, control),
      error,
      listener: route.name,
    });
    this.state.failed(slot, strategy.name, verdict, error);
    if (mayCommit(verdict)) return true;
    if (verdict === 'stop' || verdict === 'stop-consumer') {
      this.stopPartition(slot, record, error, control);
      if (verdict === 'stop-consumer') {
        this.consumerStopped = true;
        this.client?.pauseTopics(this.assignedTopics());
      }
    }
    return false;
  }

  /** A record with the control a strategy or gate may use on its partition. */
  private gated(
    route: ListenerRoute,
    slot: PartitionActivity,
    record: ConsumedRecord,
    control: BatchControl,
  ): GatedRecord {
    const failureControl: FailureControl = {
      retry: () => this.runOnce(route, slot, record, control),
      heartbeat: () => control.heartbeat(),
      shouldContinue: () => control.shouldContinue(),
      pauseUntil: (at) => this.pauseUntil(slot, control, at),
    };
    return {
      groupId: this.groupId,
      topic: slot.topic,
      partition: slot.partition,
      record,
      control: failureControl,
    };
  }

  /** One more run of the listener on one record (blocking retry); throws what it throws. */
  private async runOnce(
    route: ListenerRoute,
    { topic, partition }: PartitionActivity,
    record: ConsumedRecord,
    control: BatchControl,
  ): Promise<void> {
    const payload = route.decode(record, { topic, partition, offset: record.offset });
    const ctx = new KafkaContext(topic, partition, record, control);
    const result = route.batch
      ? await route.invoke([payload], new KafkaBatchContext(topic, partition, [ctx]))
      : await route.invoke(payload, ctx);
    if (result instanceof ListenerRouting) throw new RoutedByHandlerError(result);
  }

  /** Pauses the partition now and resumes it at `at`; unmarked records are fetched again. */
  private pauseUntil(
    { topic, partition }: { topic: string; partition: number },
    control: BatchControl,
    at: number,
  ): void {
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

  private assignedTopics(): string[] {
    return Object.keys(this.state.get(this.groupId)?.assignment ?? {});
  }

  /**
   * Operator action on a stopped partition: `skip` moves past the stopped record (committing
   * offset + 1); otherwise the record is tried again. False when the partition is not stopped
   * here, or `expectedOffset` is not where it stopped.
   */
  resumeStopped(topic: string, partition: number, skip: boolean, expectedOffset?: string): boolean {
    const stopped = this.state
      .get(this.groupId)
      ?.stoppedPartitions.find((s) => s.topic === topic && s.partition === partition);
    if (!stopped || !this.client) return false;
    if (expectedOffset !== undefined && expectedOffset !== stopped.offset) return false;
    if (skip) this.client.seek(topic, partition, (BigInt(stopped.offset) + 1n).toString());
    this.state.partitionResumed(this.groupId, topic, partition);
    if (this.consumerStopped && this.state.get(this.groupId)?.stoppedPartitions.length === 0) {
      this.consumerStopped = false;
      this.client.resumeTopics(this.assignedTopics());
    }
    this.client.resume(topic, [partition]);
    return true;
  }

  /** Pauses the partition at `record`, uncommitted, and says so in the consumer state. */
  private stopPartition(
    { topic, partition }: { topic: string; partition: number },
    record: ConsumedRecord,
    error: unknown,
    control: BatchControl,
  ): void {
    control.pause();
    this.state.partitionStopped(this.groupId, {
      topic,
      partition,
      offset: record.offset,
      error: errorSummary(error),
      since: Date.now(),
    });
  }
}
