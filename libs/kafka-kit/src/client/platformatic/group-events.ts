import type { EventEmitter } from 'node:events';
import type { Consumer } from '@platformatic/kafka';
import { assignmentText } from './assignment-change.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { answered } from './platformatic-errors.js';

const EMPTY_JOIN_MS = 15_000;

/**
 * Tells the library's `heartbeat` and `rebalancing` events from @platformatic/kafka's. A rebalance
 * is told once, when it is first seen (a heartbeat answered REBALANCE_IN_PROGRESS, the group's own
 * rebalance event, or a changed assignment), until the next assignment or join (`joined`).
 */
export class GroupEvents {
  private inRebalance = false;
  private told?: { memberId: string; assignment: Record<string, number[]>; text: string };

  constructor(
    kafka: PlatformaticKafka,
    consumer: Consumer,
    private readonly events: EventEmitter,
  ) {
    consumer.on('consumer:heartbeat:end', () => events.emit('heartbeat', {}));
    consumer.on('consumer:group:rebalance', () => this.rebalancing());
    // A rebalance that gave this member the same partitions ends with the join, not a change.
    consumer.on('consumer:group:join', () => {
      const same = this.told && assignmentText(consumer.assignments ?? []) === this.told.text;
      if (this.inRebalance && same) this.joined(this.told!.memberId, this.told!.assignment);
    });
    consumer.on('consumer:heartbeat:error', ({ error }) => {
      if (answered(kafka, error, 'REBALANCE_IN_PROGRESS')) this.rebalancing();
    });
  }

  rebalancing(): void {
    if (this.inRebalance) return;
    this.inRebalance = true;
    this.events.emit('rebalancing', {});
  }

  /** The last assignment told again: fetching goes on after a hold (missing topics back). */
  toldAgain(): void {
    if (this.told) this.joined(this.told.memberId, this.told.assignment);
  }

  joined(memberId: string, assignment: Record<string, number[]>): void {
    this.inRebalance = false;
    const text = assignmentText(
      Object.entries(assignment).map(([topic, partitions]) => ({ topic, partitions })),
    );
    this.told = { memberId, assignment, text };
    this.events.emit('joined', { memberId, assignment });
  }
}

/**
 * Like kafkajs' run(): resolved once partitions are assigned (or the consumer crashed). KIP-848 may
 * confirm an empty assignment before the partitions come; a member left without any waits EMPTY_JOIN_MS.
 */
export function firstJoin(events: EventEmitter): Promise<void> {
  return new Promise<void>((resolve) => {
    events.on('joined', ({ assignment }: { assignment: Record<string, number[]> }) => {
      if (Object.keys(assignment).length > 0) resolve();
    });
    events.once('crashed', () => resolve());
    setTimeout(resolve, EMPTY_JOIN_MS).unref();
  });
}
