import { Logger } from '@nestjs/common';
import type { BatchControl, ConsumedRecord } from '../client/consumer-client.js';
import { OffsetConflictError } from '../errors/offset-conflict.error.js';
import { errorSummary } from '../errors/error-summary.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';
import { mayCommit, type FailureControl, type GatedRecord } from '../strategies/error-strategy.js';
import { ListenerRouting } from '../strategies/listener-routing.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import { KafkaContext } from './kafka-context.js';
import type { ListenerRoute } from './listener-route.js';
import { PendingFailures } from './pending-failures.js';
import { saveRoutedOffset } from './offset-transactions.js';
import type { ConsumerObservers } from './state/consumer-observers.js';
import type { GroupState } from './state/group-state.js';
import type { PartitionActivitySlot } from './state/partition-activity-slot.js';

/** What the dispatcher asks of its group's consumer: pauses that outlive one batch. */
export interface PartitionPauses {
  /** Pauses the partition now and resumes it at `epochMs`; unmarked records come again. */
  pauseUntil(topic: string, partition: number, control: BatchControl, epochMs: number): void;
  /** Pauses every topic of the consumer until no partition is stopped. */
  stopConsumer(): void;
  /**
   * The offset store is past what this consumer applied (another one took the partition over):
   * pause the partition, seek it to the stored offset, resume.
   */
  reloadOffsets(topic: string, partition: number): void;
}

/**
 * Hands a failed record to its listener's error strategy and carries out the verdict on the
 * group's state: the only place a verdict turns into a stopped partition.
 */
export class FailureDispatcher {
  private readonly logger: Logger;
  // Per partition, across its batches (a slot lives as long as the group's state).
  private readonly pending = new Map<PartitionActivitySlot, PendingFailures>();

  constructor(
    private readonly groupId: string,
    private readonly state: GroupState,
    private readonly observers: ConsumerObservers,
    private readonly pauses: PartitionPauses,
  ) {
    this.logger = new Logger(`KafkaConsumer:${groupId}`);
  }

  /** The partition's failure writes in flight (pipelined strategies). */
  pendingOn(slot: PartitionActivitySlot): PendingFailures {
    let pending = this.pending.get(slot);
    if (pending === undefined) this.pending.set(slot, (pending = new PendingFailures()));
    return pending;
  }

  /** Waits for the partition's failure writes (the routing harness, which has no next batch). */
  async settle(slot: PartitionActivitySlot): Promise<void> {
    await this.pending.get(slot)?.settle(() => undefined);
  }

  /**
   * Waits for every partition's failure writes in flight. On shutdown, before the client leaves:
   * a write carried past its batch commits, once confirmed, the records it held back, which would
   * otherwise come again after a clean restart (its failed record written a second time).
   */
  async writesSettled(): Promise<void> {
    await Promise.all([...this.pending.values()].map((p) => p.writesSettled()));
  }

  /** True when the failure was dealt with for good and the loop may go on past the record. */
  async onFailure(
    route: ListenerRoute,
    slot: PartitionActivitySlot,
    record: ConsumedRecord,
    error: unknown,
    control: BatchControl,
  ): Promise<boolean> {
    const gated = this.gated(route, slot, record, control);
    if (error instanceof OffsetConflictError) {
      // The save runs inside the record's span: the conflict ends it (its transaction rolled back).
      await route.spans?.failed(gated, error, () => Promise.resolve('offset-conflict'));
      return this.conflicted(error);
    }
    const strategy = route.errorStrategy;
    const failure = { ...gated, error, listener: route.name };
    const verdict = route.spans
      ? await route.spans.failed(gated, error, (failedSpanId) =>
          strategy.handle({ ...failure, failedSpanId }),
        )
      : await strategy.handle(failure);
    this.observers.failed(slot, strategy.name, verdict, error);
    if (mayCommit(verdict)) {
      slot.failureRecorded();
      // Recovered: a retry of the handler succeeded, and its transaction saved the offset.
      return route.offsetStore && verdict !== 'recovered' ? this.routed(route, slot, record) : true;
    }
    if (verdict === 'stop' || verdict === 'stop-consumer') {
      this.stopPartition(slot, record, error, control);
      if (verdict === 'stop-consumer') this.pauses.stopConsumer();
    }
    return false;
  }

  /**
   * A record done without its handler's transaction (routed by the strategy once its write was
   * confirmed, or forwarded by a gate): its offset goes to the store in a transaction of its own.
   * False when the store was already past it (the partition is reloaded from the store).
   */
  async routed(
    route: ListenerRoute,
    { topic, partition }: PartitionActivitySlot,
    record: ConsumedRecord,
  ): Promise<boolean> {
    try {
      await saveRoutedOffset(route.offsetStore!, this.groupId, topic, partition, record.offset);
      return true;
    } catch (error) {
      if (error instanceof OffsetConflictError) return this.conflicted(error);
      throw error;
    }
  }

  private conflicted(error: OffsetConflictError): false {
    this.logger.warn(error.message);
    this.pauses.reloadOffsets(error.topic, error.partition);
    return false;
  }

  /** Pauses the partition at `record`, uncommitted, and says so in the group's state. */
  stopPartition(
    { topic, partition }: { topic: string; partition: number },
    record: ConsumedRecord,
    error: unknown,
    control: BatchControl,
  ): void {
    control.pause();
    this.state.partitionStopped({
      kind: 'stop-on-error',
      topic,
      partition,
      offset: record.offset,
      error: errorSummary(error),
      since: Date.now(),
    });
  }

  /** A record with the control a strategy or gate may use on its partition. */
  gated(
    route: ListenerRoute,
    slot: PartitionActivitySlot,
    record: ConsumedRecord,
    control: BatchControl,
  ): GatedRecord {
    const { topic, partition } = slot;
    const failureControl: FailureControl = {
      retry: () => runOnce(route, slot, record, control),
      heartbeat: () => control.heartbeat(),
      shouldContinue: () => control.shouldContinue(),
      pauseUntil: (at) => this.pauses.pauseUntil(topic, partition, control, at),
      writeFailing: (message) =>
        this.state.partitionStopped({
          kind: 'failure-write',
          topic,
          partition,
          offset: record.offset,
          error: message,
          since: Date.now(),
        }),
      writeRecovered: () => void this.state.partitionResumed(topic, partition, 'failure-write'),
    };
    return { groupId: this.groupId, topic, partition, record, control: failureControl };
  }
}

/** One more run of the listener on one record (blocking retry); throws what it throws. */
async function runOnce(
  route: ListenerRoute,
  slot: PartitionActivitySlot,
  record: ConsumedRecord,
  control: BatchControl,
): Promise<void> {
  const { topic, partition } = slot;
  const payload = route.decode(record, slot);
  const ctx = route.usesContext ? new KafkaContext(topic, partition, record, control) : undefined;
  const result = route.batch
    ? await route.invoke([payload], ctx && new KafkaBatchContext(topic, partition, [ctx]))
    : await route.invoke(payload, ctx);
  if (result instanceof ListenerRouting) throw new RoutedByHandlerError(result);
}
