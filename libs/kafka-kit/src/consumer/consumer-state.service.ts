import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { errorSummary } from '../errors/error-summary.js';
import type {
  ConsumerObserver,
  ConsumerGroupStatus,
  ConsumerState,
  ConsumerStateChange,
  PartitionActivity,
  StoppedPartition,
} from './consumer-state.js';

/**
 * The state machine of every consumer group of the app, for health checks and operators.
 * Emits 'change' with a ConsumerStateChange on every transition.
 */
@Injectable()
export class ConsumerStateService extends EventEmitter<{ change: [ConsumerStateChange] }> {
  private readonly groups = new Map<string, ConsumerGroupStatus>();
  private readonly activity = new Map<string, Map<string, PartitionActivity>>();
  private readonly observers: ConsumerObserver[] = [];

  /** Registers an observer of handled and failed records (e.g. metrics). */
  observe(observer: ConsumerObserver): void {
    this.observers.push(observer);
  }

  /** Records handled successfully on `slot` (the consumer loop calls this). */
  handled(slot: PartitionActivity, count: number, durationMs: number): void {
    slot.handlingSince = 0;
    slot.lastProgressAt = Date.now();
    slot.handled += count;
    for (const o of this.observers) o.handled?.(slot, count, durationMs);
  }

  /** A record failed and its strategy decided `verdict` (the consumer loop calls this). */
  failed(slot: PartitionActivity, strategy: string, verdict: string, error: unknown): void {
    slot.handlingSince = 0;
    for (const o of this.observers) o.failed?.(slot, strategy, verdict, error);
  }

  /** A snapshot of every group. */
  all(): ConsumerGroupStatus[] {
    return [...this.groups.keys()].map((id) => this.get(id)!);
  }

  get(groupId: string): ConsumerGroupStatus | undefined {
    const g = this.groups.get(groupId);
    if (!g) return undefined;
    return {
      ...g,
      stoppedPartitions: [...g.stoppedPartitions],
      activity: [...(this.activity.get(groupId)?.values() ?? [])].map((a) => ({ ...a })),
    };
  }

  register(groupId: string): void {
    this.groups.set(groupId, {
      groupId,
      state: 'starting',
      assignment: {},
      stoppedPartitions: [],
      activity: [],
      rebalances: 0,
    });
    this.activity.set(groupId, new Map());
  }

  transition(groupId: string, to: ConsumerState, error?: Error): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    const from = g.state;
    if (error) g.lastError = { message: errorSummary(error), at: Date.now() };
    if (from === to) return;
    // A stopped or crashed consumer stays so; late kafkajs events must not revive it on paper.
    // kafkajs emits STOP before CRASH when it gives up, so 'stopped' may still become 'crashed'.
    if (from === 'crashed' && to !== 'starting') return;
    if (from === 'stopped' && to !== 'starting' && to !== 'crashed') return;
    g.state = to;
    this.emit('change', { groupId, from, to, error: error?.message });
  }

  joined(groupId: string, assignment: Record<string, number[]>): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    g.assignment = assignment;
    this.transition(groupId, g.stoppedPartitions.length > 0 ? 'paused' : 'running');
  }

  rebalancing(groupId: string): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    g.rebalances++;
    this.transition(groupId, 'rebalancing');
  }

  heartbeat(groupId: string): void {
    const g = this.groups.get(groupId);
    if (g) g.lastHeartbeatAt = Date.now();
  }

  partitionStopped(groupId: string, stopped: StoppedPartition): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    g.stoppedPartitions = [
      ...g.stoppedPartitions.filter((s) => s.topic !== stopped.topic || s.partition !== stopped.partition),
      stopped,
    ];
    this.transition(groupId, 'paused');
  }

  /** A stopped partition goes on (operator action, or a failure record finally written). */
  partitionResumed(groupId: string, topic: string, partition: number): void {
    const g = this.groups.get(groupId);
    if (!g) return;
    const before = g.stoppedPartitions.length;
    g.stoppedPartitions = g.stoppedPartitions.filter((s) => s.topic !== topic || s.partition !== partition);
    if (before !== g.stoppedPartitions.length && g.stoppedPartitions.length === 0 && g.state === 'paused')
      this.transition(groupId, 'running');
  }

  /** The live activity slot of a partition; the consumer loop writes it without allocating. */
  activitySlot(groupId: string, topic: string, partition: number): PartitionActivity {
    const slots = this.activity.get(groupId)!;
    const id = `${topic}:${partition}`;
    let slot = slots.get(id);
    if (!slot) {
      slot = {
        groupId,
        topic,
        partition,
        offset: '-1',
        handlingSince: 0,
        lastProgressAt: 0,
        handled: 0,
        positionLag: '0',
      };
      slots.set(id, slot);
    }
    return slot;
  }
}
