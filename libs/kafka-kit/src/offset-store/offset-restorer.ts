import { Logger } from '@nestjs/common';
import type { ConsumerClient } from '../client/consumer-client.js';
import type { OffsetStore } from '../interfaces/offset-store.interface.js';
import {
  offsetsNotLoaded,
  offsetsStillNotLoaded,
  offsetStoreRecovered,
  offsetStoreUnreadable,
  restoreFailed,
  seekingToStoredOffsets,
} from './offset-store.messages.js';

/** What the restorer needs of the consumer. */
export type SeekableConsumer = Pick<ConsumerClient, 'pause' | 'resume' | 'seek' | 'paused'>;

/** Where the restorer says which partitions it holds because their store cannot be read. */
export interface UnreadableStoreReport {
  /** The partition is held: its store failed with `error`, failing since `since` (epoch ms). */
  unreadable(topic: string, partition: number, error: string, since: number): void;
  /** The partition's store answered (or the partition is no longer assigned). */
  readable(topic: string, partition: number): void;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

/**
 * Seek-on-assignment for the topics whose listener keeps its offsets in a store: at each join
 * it pauses those partitions (synchronously, before kafkajs fetches), loads their stored
 * offsets, seeks to them and resumes. Partitions without a stored offset start at Kafka's
 * committed one. While the store cannot be read the partitions stay paused: nothing is fetched
 * from an offset the store may contradict. Partitions paused by something else (a stop on
 * error) are seeked but left paused. A store that cannot be read is reported per partition (a
 * health fact) and logged once when it starts failing and once when it answers again.
 */
export class OffsetRestorer {
  private readonly logger: Logger;
  private generation = 0;
  // Partitions this restorer paused and has not resumed yet, by topic: they stay held across a
  // join that comes before the previous restore finished.
  private readonly held = new Map<string, Set<number>>();
  private timer?: NodeJS.Timeout;
  private wake?: () => void;
  // Partitions reported unreadable, by topic; and since when each failing store has failed.
  private readonly reported = new Map<string, Set<number>>();
  private readonly failingSince = new Map<OffsetStore, number>();

  constructor(
    private readonly groupId: string,
    private readonly consumer: SeekableConsumer,
    private readonly storeFor: (topic: string) => OffsetStore | undefined,
    private readonly report: UnreadableStoreReport,
  ) {
    this.logger = new Logger(`KafkaConsumer:${groupId}`);
  }

  /** The group's assignment; call from the join event, before any fetch. */
  assigned(assignment: Record<string, number[]>): Promise<void> {
    const generation = ++this.generation;
    const paused = new Set(
      this.consumer.paused().flatMap(({ topic, partitions }) => partitions.map((p) => `${topic}:${p}`)),
    );
    const work: { topic: string; store: OffsetStore; partitions: number[] }[] = [];
    const held = new Map<string, Set<number>>();
    for (const [topic, partitions] of Object.entries(assignment)) {
      const store = this.storeFor(topic);
      if (!store || partitions.length === 0) continue;
      const before = this.held.get(topic);
      const hold = partitions.filter((p) => before?.has(p) || !paused.has(`${topic}:${p}`));
      if (hold.length > 0) this.consumer.pause(topic, hold);
      held.set(topic, new Set(hold));
      work.push({ topic, store, partitions });
    }
    this.held.clear();
    for (const [topic, partitions] of held) this.held.set(topic, partitions);
    // A partition another member now has is no longer this member's to report.
    for (const [topic, partitions] of this.reported)
      for (const p of partitions) if (!assignment[topic]?.includes(p)) this.readable(topic, p);
    // Never rejects: the join event does not wait for it, and its partitions stay held on a failure.
    return this.restore(generation, work).catch((error: unknown) => this.failed(error));
  }

  private failed(error: unknown): void {
    this.logger.error(restoreFailed(this.groupId, error instanceof Error ? error.message : String(error)));
  }

  /**
   * One partition again, mid-assignment (the store was past what this consumer applied): held
   * paused until it is seeked to the stored offset.
   */
  async reload(topic: string, partition: number): Promise<void> {
    const store = this.storeFor(topic);
    if (!store) return;
    const held = this.held.get(topic) ?? new Set<number>();
    this.held.set(topic, held.add(partition));
    this.consumer.pause(topic, [partition]);
    const generation = this.generation;
    const stored = await this.load(generation, store, topic, [partition]);
    if (stored === undefined || generation !== this.generation) return;
    const offset = stored.get(partition);
    if (offset !== undefined) this.consumer.seek(topic, partition, offset);
    if (held.delete(partition)) this.consumer.resume(topic, [partition]);
  }

  /** The consumer stops: a restore still waiting on the store gives up. */
  stop(): void {
    this.generation++;
    clearTimeout(this.timer);
    this.wake?.();
  }

  private async restore(
    generation: number,
    work: { topic: string; store: OffsetStore; partitions: number[] }[],
  ): Promise<void> {
    const seeks: { topic: string; stored: ReadonlyMap<number, string> }[] = [];
    for (const { topic, store, partitions } of work) {
      const stored = await this.load(generation, store, topic, partitions);
      if (stored === undefined) return;
      seeks.push({ topic, stored });
    }
    if (generation !== this.generation) return;
    for (const { topic, stored } of seeks) {
      for (const [partition, offset] of stored) this.consumer.seek(topic, partition, offset);
      if (stored.size > 0) {
        const list = [...stored].map(([p, o]) => `[${p}]@${o}`).join(' ');
        this.logger.log(seekingToStoredOffsets(this.groupId, topic, list));
      }
    }
    for (const [topic, partitions] of this.held)
      if (partitions.size > 0) this.consumer.resume(topic, [...partitions]);
    this.held.clear();
  }

  private unreadable(store: OffsetStore, topic: string, partitions: number[], reason: string, wait: number) {
    let since = this.failingSince.get(store);
    if (since === undefined) {
      since = Date.now();
      this.failingSince.set(store, since);
      this.logger.error(offsetsNotLoaded(this.groupId, topic, reason, wait));
    } else {
      this.logger.debug(offsetsStillNotLoaded(this.groupId, topic, reason, wait));
    }
    const reported = this.reported.get(topic) ?? new Set<number>();
    this.reported.set(topic, reported);
    for (const p of partitions) {
      if (reported.has(p)) continue;
      reported.add(p);
      this.report.unreadable(topic, p, offsetStoreUnreadable(reason), since);
    }
  }

  private loaded(store: OffsetStore, topic: string, partitions: number[]): void {
    const since = this.failingSince.get(store);
    if (since !== undefined) {
      this.failingSince.delete(store);
      this.logger.log(offsetStoreRecovered(this.groupId, topic, Date.now() - since));
    }
    for (const p of partitions) if (this.reported.get(topic)?.has(p)) this.readable(topic, p);
  }

  private readable(topic: string, partition: number): void {
    this.reported.get(topic)?.delete(partition);
    this.report.readable(topic, partition);
  }

  /** The stored offsets, retried with back-off; undefined once a newer join or a stop took over. */
  private async load(
    generation: number,
    store: OffsetStore,
    topic: string,
    partitions: number[],
  ): Promise<ReadonlyMap<number, string> | undefined> {
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
      try {
        const stored = await store.load(this.groupId, topic, partitions);
        this.loaded(store, topic, partitions);
        return stored;
      } catch (error) {
        if (generation !== this.generation) return undefined;
        this.unreadable(
          store,
          topic,
          partitions,
          error instanceof Error ? error.message : String(error),
          wait,
        );
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, wait);
        });
        if (generation !== this.generation) return undefined;
      }
    }
  }
}
