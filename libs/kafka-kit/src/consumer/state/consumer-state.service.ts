import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { ConsumerGroupStatus, ConsumerStateChange } from './consumer-state.js';
import { GroupState } from './group-state.js';

/**
 * What every consumer group of the app is doing, for health checks, metrics and operators:
 * read-only snapshots. Emits 'change' with a ConsumerStateChange on every state transition.
 */
@Injectable()
export class ConsumerStateService extends EventEmitter<{
  /** A group changed state. */
  change: [ConsumerStateChange];
}> {
  private readonly groups = new Map<string, GroupState>();

  /** A snapshot of every group. */
  all(): ConsumerGroupStatus[] {
    return [...this.groups.values()].map((g) => g.snapshot());
  }

  /** A snapshot of one group; `undefined` for a group this app does not consume. */
  get(groupId: string): ConsumerGroupStatus | undefined {
    return this.groups.get(groupId)?.snapshot();
  }

  /**
   * @internal A new group's state; the group's consumer is its only writer.
   */
  register(groupId: string, sessionTimeoutMs?: number): GroupState {
    const group = new GroupState(groupId, (change) => this.emit('change', change), sessionTimeoutMs);
    this.groups.set(groupId, group);
    return group;
  }
}
