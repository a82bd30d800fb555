import { EventEmitter } from 'node:events';
import type { Consumer, GroupAssignment, MessagesStream } from '@platformatic/kafka';
import type { BatchHandler, ConsumerClient, ConsumerEvents, FetchedBatch } from '../consumer-client.js';
import { applyAssignment, assignmentText } from './assignment-change.js';
import { firstJoin, GroupEvents } from './group-events.js';
import { LeaderFetch } from './leader-fetch.js';
import { batchControl } from './batch-control.js';
import {
  batchSummary,
  commitSlots,
  resolvePositions,
  slotKey,
  type PartitionSlot,
} from './partition-slots.js';
import type { PlatformaticConsumerSettings } from './platformatic-options.js';
import { createGroupMember } from './group-member.js';
import { PausedPartitions } from './paused-partitions.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { crashEvent } from './platformatic-errors.js';
import { RejoinBarrier } from './rejoin-barrier.js';
import { RevokedPartitions } from './revoked-partitions.js';
import { SlotCommits } from './slot-commits.js';

/** How often the loop looks at the assignment and the paused partitions when nothing wakes it. */
const TICK_MS = 100;
const REJOIN_MS = 1000;

/**
 * A group consumer over @platformatic/kafka. Membership (join, heartbeats, KIP-848 or classic
 * assignment) is the library's own, through a `consume()` stream that is never read; fetching,
 * per-partition pause, seek and commits are done here with its `fetch` and `commit` calls, so a
 * partition is paused alone and a batch is one partition's records, as the library's loops expect.
 */
export class PlatformaticConsumerClient implements ConsumerClient {
  private readonly consumer: Consumer;
  private readonly events = new EventEmitter();
  private readonly topics: string[] = [];
  private fromBeginning = false;
  private stream?: MessagesStream<Buffer, Buffer, Buffer, Buffer>;
  private readonly slots = new Map<string, PartitionSlot>();
  private readonly pausedSet = new PausedPartitions();
  private readonly fetcher: LeaderFetch;
  private readonly group: GroupEvents;
  private readonly queue: { slot: PartitionSlot; batch: FetchedBatch }[] = [];
  private readonly handling = new Map<Promise<void>, PartitionSlot>();
  private assignmentSeen?: { list: GroupAssignment[]; text: string };
  private resolving?: Promise<void>;
  private running = false;
  // Assigned partitions and the revoked ones not let go yet: commits and KIP-848 heartbeats cover both.
  private readonly held = (): PartitionSlot[] => [...this.slots.values(), ...this.revoked.slots];
  private readonly commits: SlotCommits = new SlotCommits(() => commitSlots(this.consumer, this.held()));
  private readonly rejoin = new RejoinBarrier(this.queue, this.handling, () => this.commits.now());
  private readonly revoked = new RevokedPartitions(this.slots, this.queue, this.handling, () =>
    this.commits.now(),
  );
  private readonly topicIds = new Map<string, string>();
  private handler?: { concurrency: number; onBatch: BatchHandler };
  private tick?: NodeJS.Timeout;

  constructor(
    private readonly kafka: PlatformaticKafka,
    base: object,
    private readonly options: PlatformaticConsumerSettings,
  ) {
    this.consumer = createGroupMember(kafka, base, options, {
      beforeRejoin: () => this.rejoin.before(options.sessionTimeoutMs),
      held: this.held,
      revoking: (partitions) => this.revoked.revoke(partitions),
      topicIds: this.topicIds,
    });
    this.consumer.on('consumer:group:join', () => this.rejoin.joined());
    this.group = new GroupEvents(kafka, this.consumer, this.events);
    this.fetcher = new LeaderFetch(kafka, this.consumer, this.group, {
      maxBytesPerPartition: options.maxBytesPerPartition,
      maxWaitMs: options.fetchMaxWaitMs,
      current: (slot) => this.workable(slot),
      fetched: (slot, batch) => {
        this.queue.push({ slot, batch });
        this.dispatch();
      },
      failed: (error, missingTopics) => this.crash(error, missingTopics),
      settled: () => this.schedule(),
      topicIds: this.topicIds,
    });
  }

  on<E extends keyof ConsumerEvents>(event: E, listener: (payload: ConsumerEvents[E]) => void): void {
    this.events.on(event, listener);
  }

  /** Membership begins in run(); before it only KIP-848's group configs are written, if any. */
  async connect(): Promise<void> {
    await this.options.beforeJoin?.();
  }

  async subscribe(topics: (string | RegExp)[], fromBeginning: boolean): Promise<void> {
    this.topics.push(...topics.map(String));
    this.fromBeginning = fromBeginning;
  }

  async run(concurrency: number, onBatch: BatchHandler): Promise<void> {
    this.handler = { concurrency, onBatch };
    this.running = true;
    const joined = firstJoin(this.events);
    void this.join();
    await joined;
  }

  /** Joins through an unread stream; a failed join is a crash, tried again when restarts are wanted. */
  private async join(): Promise<void> {
    try {
      this.stream = await this.consumer.consume({
        topics: this.topics,
        autocommit: false,
        mode: 'committed',
        fallbackMode: this.fromBeginning ? 'earliest' : 'latest',
      });
    } catch (error) {
      this.crash(error);
      if (this.running) setTimeout(() => void this.join(), REJOIN_MS);
      return;
    }
    this.stream.on('error', (error) => this.crash(error));
    this.consumer.on('consumer:group:join', () => this.schedule());
    this.tick = setInterval(() => this.schedule(), TICK_MS);
    this.schedule();
  }

  pause(topic: string, partitions: number[]): void {
    this.pausedSet.pause(topic, partitions);
  }

  resume(topic: string, partitions: number[]): void {
    this.pausedSet.resume(topic, partitions);
    this.schedule();
  }

  paused(): { topic: string; partitions: number[] }[] {
    return this.pausedSet.list([...this.slots.values()]);
  }

  pauseTopics(topics: string[]): void {
    this.pausedSet.pauseTopics(topics);
  }

  resumeTopics(topics: string[]): void {
    this.pausedSet.resumeTopics(topics);
    this.schedule();
  }

  seek(topic: string, partition: number, offset: string): void {
    const slot = this.slots.get(slotKey(topic, partition));
    if (!slot) return;
    slot.position = BigInt(offset);
    slot.toCommit = BigInt(offset);
    slot.epoch++;
    this.schedule();
  }

  async disconnect(): Promise<void> {
    const wasRunning = this.running;
    this.running = false;
    clearInterval(this.tick);
    this.queue.length = 0;
    await Promise.allSettled([...this.handling.keys()]);
    await this.commits.now().catch(() => undefined);
    await this.stream?.close().catch(() => undefined);
    await this.consumer.close().catch(() => undefined);
    if (wasRunning) this.events.emit('stopped', {});
  }

  /** Looks at the assignment, starts fetches for idle partitions and hands out fetched batches. */
  private schedule(): void {
    if (!this.running) return;
    this.syncAssignment();
    this.dispatch();
    if (this.resolving || this.rejoin.active) return;
    const slots = [...this.slots.values()];
    const idle = slots.filter(
      (s) => !s.busy && s.position !== undefined && !this.pausedSet.has(s.topic, s.partition),
    );
    const busy = slots.some((s) => s.busy);
    void this.fetcher.start(this.topics, idle, busy);
  }

  private syncAssignment(): void {
    // @platformatic/kafka replaces its list on each change it applies. The slots are compared with
    // the new list, not with the last one: a KIP-848 revocation takes slots before the list drops
    // them, and a deleted topic's partitions come back under the same name once it is recreated.
    const list = this.consumer.assignments;
    if (list === null || list === this.assignmentSeen?.list) return;
    const last = this.assignmentSeen;
    this.assignmentSeen = { list, text: assignmentText(list) };
    const { revoked, added, assignment } = applyAssignment(this.slots, list);
    if (revoked.length + added.length === 0 && this.assignmentSeen.text === last?.text) return;
    if (last) this.group.rebalancing();
    void this.revoked.letGo(revoked);
    this.resolving = resolvePositions(this.consumer, added, this.fromBeginning)
      .then(() => this.group.joined(this.consumer.memberId ?? '', assignment))
      .catch((error: unknown) => this.crash(error))
      .finally(() => {
        this.resolving = undefined;
        this.schedule();
      });
  }

  private dispatch(): void {
    if (this.rejoin.active) return;
    while (this.running && this.handling.size < this.handler!.concurrency && this.queue.length > 0) {
      const next = this.queue.shift()!;
      const run = this.handle(next.slot, next.batch).finally(() => this.handling.delete(run));
      this.handling.set(run, next.slot);
    }
  }

  private async handle(slot: PartitionSlot, batch: FetchedBatch): Promise<void> {
    const { control, ended } = batchControl(slot, {
      current: (s) => this.workable(s),
      pause: () => this.pause(slot.topic, [slot.partition]),
      resume: () => this.resume(slot.topic, [slot.partition]),
      commit: () => this.commits.now(),
    });
    try {
      this.commits.rethrow();
      await this.handler!.onBatch(batch, control);
      this.commits.later();
    } catch (error) {
      this.crash(error);
    } finally {
      ended(batch);
      this.events.emit('batchProcessed', batchSummary(batch));
      this.schedule();
    }
  }

  private workable(s: PartitionSlot): boolean {
    return this.running && !this.rejoin.active && this.slots.get(slotKey(s.topic, s.partition)) === s;
  }

  /** A failure the client cannot get past: reported, and fetching goes on only when restarts are wanted. */
  private crash(error: unknown, missingTopics?: string[]): void {
    if (!this.running) return;
    const crashed = crashEvent(this.kafka, this.options, this.topics, error, missingTopics);
    if (!crashed.restart) {
      this.running = false;
      clearInterval(this.tick);
    }
    this.events.emit('crashed', crashed);
  }
}
