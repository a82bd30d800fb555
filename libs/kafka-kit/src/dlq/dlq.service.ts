import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { KafkaConnection } from '../client/kafka-connection.js';
import type { ReadRange, ReadRecord } from '../client/topic-reader.js';
import { FailureProducer } from '../failure-records/failure-producer.js';
import { describeCoordinates } from '../errors/record-coordinates.js';
import { UnknownTopicError } from '../errors/unknown-topic.error.js';
import { toDlqRecordView, type DlqRecordView } from './dlq-record-view.js';
import { noOriginalTopic, replayed, replayLoop } from './dlq.messages.js';
import { replayRecord } from './replay-record.js';

const ADMIN_TIMEOUT_MS = 10_000;
const READ_TIMEOUT_MS = 60_000;
const REPLAY_CHUNK = 500;

/** One partition of a DLQ: offsets kept, and how many records that is. */
export interface DlqPartitionStats {
  /** The partition. */
  partition: number;
  /** The oldest offset kept. */
  low: string;
  /** The log-end offset (the next offset to be written). */
  high: string;
  /** Records kept: `high - low`. */
  records: number;
}

/** Which DLQ records to read: a partition's offsets [from, to), or everything kept. */
export interface DlqSelection {
  /** Only this partition. @default every partition */
  partition?: number;
  /** @default the oldest offset kept */
  from?: string;
  /** Exclusive. @default the log-end offset */
  to?: string;
  /** At most this many records (in partition, then offset order). @default no limit */
  limit?: number;
}

/** What to replay and how: a selection of DLQ records, a filter, a dry run. */
export interface ReplayOptions extends DlqSelection {
  /** Replays only the records it accepts. @default every record */
  where?: (record: DlqRecordView) => boolean;
  /** Says what would be replayed, sends nothing. @default false */
  dryRun?: boolean;
  /** A record replayed this many times already is refused (a replay loop). @default 3 */
  maxReplays?: number;
}

/** What a replay did (or would do) with each selected record. */
export interface ReplayResult {
  /** Records sent back to their original topic (or that would be, in a dry run). */
  replayed: DlqRecordView[];
  /** Records refused, with why: no original topic, or a replay loop. */
  refused: {
    /** The record refused. */
    record: DlqRecordView;
    /** Why it was refused. */
    why: string;
  }[];
  /** Whether this was a dry run (nothing sent). */
  dryRun: boolean;
}

/**
 * DLQ tooling: list a DLQ's partitions, peek at records with decoded headers, replay records
 * to their original topic (all, an offset range, or a predicate; dry-run first). Reads never
 * commit anything (a throwaway group); replays are written with acks=all.
 */
@Injectable()
export class DlqService {
  private readonly logger = new Logger('KafkaDlq');

  /** @internal Nest injects the service; it is not constructed by hand. */
  constructor(
    private readonly connection: KafkaConnection,
    private readonly producer: FailureProducer,
  ) {}

  /**
   * Offsets and record count of each partition of a DLQ, in partition order.
   * @throws UnknownTopicError when the topic does not exist.
   */
  async stats(dlqTopic: string): Promise<DlqPartitionStats[]> {
    const admin = this.connection.admin();
    // Asked first: kafkajs answers a missing topic with retries and UNKNOWN_TOPIC_OR_PARTITION.
    if (!(await admin.partitionCounts([dlqTopic])).has(dlqTopic)) throw new UnknownTopicError(dlqTopic);
    const offsets = await admin.topicOffsets(dlqTopic, ADMIN_TIMEOUT_MS);
    return offsets
      .map(({ partition, low, high }) => ({
        partition,
        low,
        high,
        records: Number(BigInt(high) - BigInt(low)),
      }))
      .sort((a, b) => a.partition - b.partition);
  }

  /** The selected records with decoded headers, oldest first per partition. */
  async peek(dlqTopic: string, selection: DlqSelection = {}): Promise<DlqRecordView[]> {
    return (await this.read(dlqTopic, selection)).map(toDlqRecordView);
  }

  /**
   * Sends the selected records back to their original topic and partition, key and value unchanged,
   * without the failure headers and with `x-replay-count`, `x-replay-from` and `x-replay-at`; acks=all, in
   * chunks of 500. A record without an original topic, or replayed `maxReplays` times already, is refused
   * and listed with why.
   */
  async replay(dlqTopic: string, options: ReplayOptions = {}): Promise<ReplayResult> {
    const { where, dryRun = false, maxReplays = 3 } = options;
    const result: ReplayResult = { replayed: [], refused: [], dryRun };
    const now = Date.now();
    const outgoing = [];
    for (const raw of await this.read(dlqTopic, options)) {
      const view = toDlqRecordView(raw);
      if (where && !where(view)) continue;
      const where_ = describeCoordinates(view);
      if (view.replayCount >= maxReplays) {
        result.refused.push({ record: view, why: replayLoop(where_, view.replayCount, maxReplays) });
        continue;
      }
      const record = replayRecord(raw, view, now);
      if (!record) {
        result.refused.push({ record: view, why: noOriginalTopic(where_) });
        continue;
      }
      outgoing.push(record);
      result.replayed.push(view);
    }
    // Chunks keep one produce request well under the broker's message.max.bytes.
    for (let i = 0; !dryRun && i < outgoing.length; i += REPLAY_CHUNK)
      await this.producer.send(outgoing.slice(i, i + REPLAY_CHUNK));
    this.logger.log(replayed(result.replayed.length, dlqTopic, dryRun));
    return result;
  }

  private async read(dlqTopic: string, selection: DlqSelection): Promise<ReadRecord[]> {
    const ranges: ReadRange[] = (await this.stats(dlqTopic))
      .filter((p) => selection.partition === undefined || p.partition === selection.partition)
      .map((p) => {
        const from = maxOffset(p.low, selection.from ?? p.low);
        let to = minOffset(p.high, selection.to ?? p.high);
        // No partition needs more than `limit` records read.
        if (selection.limit !== undefined)
          to = minOffset(to, (BigInt(from) + BigInt(selection.limit)).toString());
        return { topic: dlqTopic, partition: p.partition, from, to };
      });
    const reader = this.connection.createReader(`nest-kafka-kit.dlq-reader.${randomUUID()}`);
    const records = (await reader.read(ranges, READ_TIMEOUT_MS)).sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
    return selection.limit === undefined ? records : records.slice(0, selection.limit);
  }
}

const maxOffset = (a: string, b: string) => (BigInt(a) > BigInt(b) ? a : b);
const minOffset = (a: string, b: string) => (BigInt(a) < BigInt(b) ? a : b);
