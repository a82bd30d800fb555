import { Injectable, Logger } from '@nestjs/common';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import type { StoppedPartition } from '../consumer/state/consumer-state.js';
import { KafkaConsumersHost } from '../consumer/kafka-consumers.host.js';
import { describeCoordinates } from '../errors/record-coordinates.js';
import {
  heldByOffsetStore,
  notStopped,
  offsetMoved,
  retriedByOperator,
  skippedByOperator,
} from './operator.messages.js';
import { FailureWriteInProgressError } from '../errors/failure-write-in-progress.error.js';
import { PartitionNotStoppedError } from '../errors/partition-not-stopped.error.js';
import type { ResumeOutcome } from '../consumer/group-consumer.js';

/** A stopped partition (of either kind), with its consumer group. */
export interface StoppedPartitionView extends StoppedPartition {
  /** The consumer group of the partition. */
  groupId: string;
}

/** What an operator must say to skip a record: which one, who, and why. */
export interface SkipRequest {
  /** The offset the partition is stopped at, so a stale view never skips another record. */
  offset: string;
  /** Who decided (user id, ticket); logged. */
  by: string;
  /** Why the record may be lost; logged. */
  reason: string;
}

/** One operator action, kept for the audit trail of this process. */
export interface OperatorAction extends StoppedPartitionView {
  /** `retry`: the record handled again; `skip`: committed past it. */
  action: 'retry' | 'skip';
  /** Who acted, as given. */
  by: string;
  /** Why (skips only), as given. */
  reason?: string;
  /** Epoch ms of the action. */
  at: number;
}

/**
 * The operator's handle on stop-on-error: list stopped partitions, try the stopped record
 * again now, or skip it (commit offset + 1) and go on. Acts on this process's consumers.
 */
@Injectable()
export class StoppedPartitionsService {
  private readonly logger = new Logger('KafkaOperator');
  private readonly actions: OperatorAction[] = [];

  /** @internal Nest injects the service; it is not constructed by hand. */
  constructor(
    private readonly state: ConsumerStateService,
    private readonly host: KafkaConsumersHost,
  ) {}

  /**
   * Every stopped partition of this process's consumer groups, of both kinds (`stop-on-error`, `failure-
   * write`).
   */
  list(): StoppedPartitionView[] {
    return this.state.all().flatMap((g) => g.stoppedPartitions.map((s) => ({ ...s, groupId: g.groupId })));
  }

  /** Operator actions taken in this process, oldest first. */
  history(): readonly OperatorAction[] {
    return this.actions;
  }

  /**
   * Resumes the partition at the stopped record, which is handled again (after a fix).
   * @throws PartitionNotStoppedError
   * @throws FailureWriteInProgressError when the partition waits for its DLQ or retry write.
   */
  retry(groupId: string, topic: string, partition: number, by: string): StoppedPartitionView {
    const stopped = this.find(groupId, topic, partition);
    this.check(stopped, this.host.group(groupId)!.resumeStopped(topic, partition, false));
    this.logger.warn(retriedByOperator(groupId, describeCoordinates(stopped), by));
    this.actions.push({ ...stopped, action: 'retry', by, at: Date.now() });
    return stopped;
  }

  /**
   * Skips the stopped record: commits offset + 1 and resumes. The record is not kept anywhere.
   * @throws PartitionNotStoppedError
   * @throws FailureWriteInProgressError when the partition waits for its DLQ or retry write.
   */
  skip(groupId: string, topic: string, partition: number, request: SkipRequest): StoppedPartitionView {
    const stopped = this.find(groupId, topic, partition);
    const outcome = this.host.group(groupId)!.resumeStopped(topic, partition, true, request.offset);
    this.check(stopped, outcome, request.offset);
    this.logger.warn(
      skippedByOperator(groupId, describeCoordinates(stopped), request.by, request.reason, stopped.error),
    );
    this.actions.push({ ...stopped, action: 'skip', by: request.by, reason: request.reason, at: Date.now() });
    return stopped;
  }

  private check(stopped: StoppedPartitionView, outcome: ResumeOutcome, expectedOffset?: string): void {
    const { groupId, topic, partition } = stopped;
    if (outcome === 'failure-write')
      throw new FailureWriteInProgressError(groupId, topic, partition, stopped.error);
    // Nothing to retry or skip: no record was read; it goes on once its store answers.
    if (outcome === 'offset-store')
      throw new PartitionNotStoppedError(
        groupId,
        topic,
        partition,
        heldByOffsetStore(topic, partition, stopped.error),
      );
    if (outcome === 'offset-moved')
      throw new PartitionNotStoppedError(
        groupId,
        topic,
        partition,
        offsetMoved(topic, partition, expectedOffset!, stopped.offset),
      );
    if (outcome === 'not-stopped')
      throw new PartitionNotStoppedError(groupId, topic, partition, notStopped(groupId, topic, partition));
  }

  private find(groupId: string, topic: string, partition: number): StoppedPartitionView {
    const stopped = this.list().find(
      (s) => s.groupId === groupId && s.topic === topic && s.partition === partition,
    );
    if (!stopped || !this.host.group(groupId))
      throw new PartitionNotStoppedError(groupId, topic, partition, notStopped(groupId, topic, partition));
    return stopped;
  }
}
