import { errorSummary } from '../../errors/error-summary.js';
import type {
  ConsumerGroupStatus,
  ConsumerState,
  ConsumerStateChange,
  StoppedPartition,
  StoppedPartitionKind,
} from './consumer-state.js';
import { PartitionActivitySlot } from './partition-activity-slot.js';

/**
 * The state machine of one consumer group, its stopped partitions and its partitions'
 * activity. Its group's consumer is its only writer; ConsumerStateService hands out snapshots.
 */
export class GroupState {
  private state: ConsumerState = 'starting';
  private assignment: Record<string, number[]> = {};
  private stopped: StoppedPartition[] = [];
  private lastError?: { message: string; at: number };
  private missingTopics?: { topics: string[]; since: number };
  private lastHeartbeatAt?: number;
  private rebalances = 0;
  private rebalancingSince?: number;
  private readonly slots = new Map<string, PartitionActivitySlot>();

  constructor(
    readonly groupId: string,
    private readonly changed: (change: ConsumerStateChange) => void,
    private readonly sessionTimeoutMs?: number,
  ) {}

  snapshot(): ConsumerGroupStatus {
    return {
      groupId: this.groupId,
      state: this.state,
      assignment: this.assignment,
      stoppedPartitions: [...this.stopped],
      activity: [...this.slots.values()].map((s) => s.snapshot()),
      lastError: this.lastError,
      ...(this.missingTopics && { missingTopics: this.missingTopics }),
      lastHeartbeatAt: this.lastHeartbeatAt,
      sessionTimeoutMs: this.sessionTimeoutMs,
      rebalances: this.rebalances,
      rebalancingSince: this.rebalancingSince,
    };
  }

  get assignedTopics(): string[] {
    return Object.keys(this.assignment);
  }

  transition(to: ConsumerState, error?: Error): void {
    const from = this.state;
    if (error) this.lastError = { message: errorSummary(error), at: Date.now() };
    // Another crash is not the missing topics' (topicsMissing sets them again after this).
    if (error) this.missingTopics = undefined;
    if (from === to) return;
    // A stopped or crashed consumer stays so; late kafkajs events must not revive it on paper.
    // kafkajs emits STOP before CRASH when it gives up, so 'stopped' may still become 'crashed'.
    if (from === 'crashed' && to !== 'starting') return;
    if (from === 'stopped' && to !== 'starting' && to !== 'crashed') return;
    this.state = to;
    // A rebalance lasts until the group has its assignment again (or the consumer ends).
    if (to === 'rebalancing') this.rebalancingSince ??= Date.now();
    else if (to !== 'starting') this.rebalancingSince = undefined;
    this.changed({ groupId: this.groupId, from, to, error: error?.message });
  }

  /** The consumer crashed on subscribed topics the cluster does not have, and waits for them. */
  topicsMissing(topics: string[], error: Error): void {
    const since = this.missingTopics?.since ?? Date.now();
    this.transition('starting', error);
    this.missingTopics = { topics, since };
  }

  joined(assignment: Record<string, number[]>): void {
    this.assignment = assignment;
    this.missingTopics = undefined;
    // Joining is contact with the coordinator, as a heartbeat is: the session starts over.
    this.lastHeartbeatAt = Date.now();
    this.transition(this.stopped.length > 0 ? 'paused' : 'running');
  }

  rebalancing(): void {
    this.rebalances++;
    this.transition('rebalancing');
  }

  heartbeat(): void {
    this.lastHeartbeatAt = Date.now();
  }

  /** The partition halts at a record (replacing what was said of it before). */
  partitionStopped(stopped: StoppedPartition): void {
    this.stopped = [...this.stopped.filter((s) => !at(s, stopped.topic, stopped.partition)), stopped];
    this.transition('paused');
  }

  /** The stopped partition, if it is. */
  stoppedAt(topic: string, partition: number): StoppedPartition | undefined {
    return this.stopped.find((s) => at(s, topic, partition));
  }

  get anyStopped(): boolean {
    return this.stopped.length > 0;
  }

  /**
   * The partition goes on, if it is stopped for `kind`: an operator acts on a stop-on-error
   * partition, a failure write succeeds on a failure-write one, and neither releases the other.
   */
  partitionResumed(topic: string, partition: number, kind: StoppedPartitionKind): boolean {
    const stopped = this.stoppedAt(topic, partition);
    if (stopped?.kind !== kind) return false;
    this.stopped = this.stopped.filter((s) => s !== stopped);
    if (this.stopped.length === 0 && this.state === 'paused') this.transition('running');
    return true;
  }

  /** The live activity slot of a partition, created on its first batch. */
  activitySlot(topic: string, partition: number): PartitionActivitySlot {
    const id = `${topic}:${partition}`;
    let slot = this.slots.get(id);
    if (!slot) this.slots.set(id, (slot = new PartitionActivitySlot(this.groupId, topic, partition)));
    return slot;
  }
}

function at(s: StoppedPartition, topic: string, partition: number): boolean {
  return s.topic === topic && s.partition === partition;
}
