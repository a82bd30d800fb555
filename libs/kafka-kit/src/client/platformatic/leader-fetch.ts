import type { Consumer } from '@platformatic/kafka';
import type { FetchedBatch } from '../consumer-client.js';
import { nextOffsetAfter, toConsumedRecords } from './consumed-records.js';
import type { GroupEvents } from './group-events.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { MissingTopicsHold } from './missing-topics.js';
import { slotKey, type PartitionSlot } from './partition-slots.js';
import { isRetriable } from './platformatic-errors.js';

type FetchResponse = Awaited<ReturnType<Consumer['fetch']>>;

/** The fetch wait while other partitions are being handled. */
const BUSY_WAIT_MS = 50;

interface Asked {
  slot: PartitionSlot;
  from: bigint;
  epoch: number;
}

export interface LeaderFetchSettings {
  maxBytesPerPartition: number;
  maxWaitMs: number;
  /** Is `slot` still the one assigned for its partition (not revoked meanwhile)? */
  current(slot: PartitionSlot): boolean;
  /** A batch of records for a partition; the slot is marked busy before this is called. */
  fetched(slot: PartitionSlot, batch: FetchedBatch): void;
  /** A failure fetching again on fresh metadata did not mend, or subscribed topics are missing. */
  failed(error: unknown, missingTopics?: string[]): void;
  /** One fetch answered or failed: its leader is free for the next. */
  settled(): void;
  /** Filled with the topic ids of each metadata answer (KIP-848 heartbeats name topics by id). */
  topicIds: Map<string, string>;
}

/**
 * Fetches partitions from their leaders, at most one request in flight per leader, and turns each
 * answer into one batch per partition. An answer is dropped for a partition that was sought,
 * revoked or handed out since the request left: its records are fetched again from the new
 * position.
 */
export class LeaderFetch {
  private readonly inflight = new Set<number>();
  private failuresInARow = 0;
  private readonly hold: MissingTopicsHold;
  private topics: string[] = [];

  constructor(
    private readonly kafka: PlatformaticKafka,
    private readonly consumer: Consumer,
    group: GroupEvents,
    private readonly settings: LeaderFetchSettings,
  ) {
    this.hold = new MissingTopicsHold(kafka, consumer, {
      missing: (error, topics) => settings.failed(error, topics),
      other: (error) => settings.failed(error),
      // Membership went on meanwhile: the assignment is told again, as kafkajs rejoins.
      back: () => group.toldAgain(),
    });
  }

  /**
   * `busy`: partitions of the same consumer being handled now. While there are any, fetches wait
   * briefly for records, so a partition that finishes its batch is fetched again soon rather than
   * after the long wait of a request that left without it.
   */
  async start(topics: string[], idle: PartitionSlot[], busy: boolean): Promise<void> {
    if (idle.length === 0 || this.hold.holding) return;
    this.topics = topics;
    let metadata;
    try {
      metadata = await this.consumer.metadata({ topics });
    } catch (error) {
      return this.fetchFailed(error);
    }
    this.hold.answered();
    for (const [name, topic] of metadata.topics) this.settings.topicIds.set(name, topic.id);
    const byNode = new Map<number, PartitionSlot[]>();
    for (const s of idle) {
      const leader = metadata.topics.get(s.topic)?.partitions[s.partition]?.leader;
      if (leader === undefined || leader < 0 || this.inflight.has(leader)) continue;
      byNode.set(leader, [...(byNode.get(leader) ?? []), s]);
    }
    for (const [node, slots] of byNode) {
      const topicIds = new Map<string, string>();
      const asked = new Map<string, Asked>();
      const request = slots.map((s) => {
        const topicId = metadata.topics.get(s.topic)!.id;
        topicIds.set(topicId, s.topic);
        asked.set(slotKey(s.topic, s.partition), { slot: s, from: s.position!, epoch: s.epoch });
        const partition = {
          partition: s.partition,
          fetchOffset: s.position!,
          partitionMaxBytes: this.settings.maxBytesPerPartition,
          currentLeaderEpoch: -1,
          lastFetchedEpoch: -1,
        };
        return { topicId, partitions: [partition] };
      });
      this.inflight.add(node);
      this.consumer
        .fetch({
          node,
          topics: request,
          maxWaitTime: busy ? Math.min(BUSY_WAIT_MS, this.settings.maxWaitMs) : this.settings.maxWaitMs,
        })
        .then((response) => this.answered(response, topicIds, asked))
        .catch((error: unknown) => this.fetchFailed(error))
        .finally(() => {
          this.inflight.delete(node);
          this.settings.settled();
        });
    }
  }

  /**
   * @platformatic/kafka has already retried the request (`retry.retries`). A retriable failure is
   * given one more go on fresh metadata (a leader that moved meanwhile); a second in a row, or
   * any other failure, is the consumer's crash.
   */
  private fetchFailed(error: unknown): void {
    this.consumer.clearMetadata();
    if (this.hold.holds(error, this.topics)) return;
    if (isRetriable(this.kafka, error) && this.failuresInARow++ === 0) return;
    this.failuresInARow = 0;
    this.settings.failed(error);
  }

  private answered(response: FetchResponse, topicIds: Map<string, string>, asked: Map<string, Asked>): void {
    this.failuresInARow = 0;
    for (const t of response.responses) {
      const topic = topicIds.get(t.topicId);
      if (topic === undefined) continue;
      for (const p of t.partitions) {
        const a = asked.get(slotKey(topic, p.partitionIndex));
        if (!a || !this.settings.current(a.slot)) continue;
        const { slot, from, epoch } = a;
        if (slot.epoch !== epoch || slot.busy || !p.records || p.records.length === 0) continue;
        const records = toConsumedRecords(p.records, from, this.kafka.IS_CONTROL);
        const next = nextOffsetAfter(p.records);
        if (records.length === 0) {
          // Only transaction markers or compacted-away offsets: step past them.
          if (next !== undefined && next > from) slot.position = next;
          continue;
        }
        slot.busy = true;
        slot.position = next;
        const highWatermark = p.highWatermark.toString();
        this.settings.fetched(slot, { topic, partition: slot.partition, highWatermark, records });
      }
    }
  }
}
