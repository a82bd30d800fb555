import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { KafkaConnection } from '../client/kafka-connection.js';
import { retryDueAt } from '../failure-records/failure-headers.js';
import type { LagSnapshot } from '../lag/lag-sample.js';
import { failureTopicsLookFailed } from './dashboard.messages.js';
import { KAFKA_DASHBOARD_OPTIONS, type ResolvedDashboardOptions } from './dashboard.options.js';

const REQUEST_TIMEOUT_MS = 10_000;

/** A DLQ topic and how many records it keeps. */
export interface DlqTopicRow {
  topic: string;
  partitions: number;
  records: number;
}

/** One retry-topic partition of one group: records waiting, and when the first is due. */
export interface RetryPartitionRow {
  topic: string;
  partition: number;
  groupId: string;
  waiting: number;
  /** Epoch ms the head record is due (its x-retry-due-at), or null when nothing waits. */
  nextDueAt: number | null;
}

/** The last look at the failure topics. */
export interface FailureTopicsView {
  lookedAt: number;
  dlqs: DlqTopicRow[];
  retries: RetryPartitionRow[];
  error?: string;
}

/**
 * Looks at the DLQ and retry topics when DashboardState asks (every `failureTopicsIntervalMs`
 * while a DLQ or retry page is open), once for all of them:
 * which DLQs exist and how much they keep, and for each retry partition with records waiting
 * (its lag, from the lag sampler) the due time of the head record, read without committing.
 */
@Injectable()
export class FailureTopicsWatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('KafkaDashboard');
  private last: FailureTopicsView = { lookedAt: 0, dlqs: [], retries: [] };
  private running?: Promise<void>;

  constructor(
    private readonly connection: KafkaConnection,
    @Inject(KAFKA_DASHBOARD_OPTIONS) private readonly options: ResolvedDashboardOptions,
  ) {}

  // A look still running would use the admin connection after it closed.
  async beforeApplicationShutdown(): Promise<void> {
    await this.running;
  }

  view(): FailureTopicsView {
    return this.last;
  }

  /** Looks now (or joins the look in flight); never rejects. */
  look(lag: LagSnapshot): Promise<void> {
    this.running ??= this.lookOnce(lag)
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (this.last.error === undefined) this.logger.warn(failureTopicsLookFailed(message));
        this.last = { ...this.last, error: message };
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async lookOnce(lag: LagSnapshot): Promise<void> {
    const admin = this.connection.admin();
    const topics = (await admin.listTopics(REQUEST_TIMEOUT_MS)).filter(this.options.isDlqTopic).sort();
    const dlqs: DlqTopicRow[] = [];
    for (const topic of topics) {
      const offsets = await admin.topicOffsets(topic, REQUEST_TIMEOUT_MS);
      const records = offsets.reduce((sum, p) => sum + Number(BigInt(p.high) - BigInt(p.low)), 0);
      dlqs.push({ topic, partitions: offsets.length, records });
    }
    const retries = lag.groups.flatMap((g) =>
      g.partitions
        .filter((p) => this.options.isRetryTopic(p.topic))
        .map((p) => {
          // A retry group that has committed nothing yet still has every kept record waiting.
          const from = p.committedOffset ?? p.oldestOffset;
          const waiting = p.lag ?? Number(BigInt(p.logEndOffset) - BigInt(from));
          return { row: { topic: p.topic, partition: p.partition, groupId: g.groupId, waiting }, from };
        }),
    );
    const waiting = retries.filter((r) => r.row.waiting > 0);
    const heads = await this.readHeads(waiting.map((r) => ({ ...r.row, from: r.from })));
    this.last = {
      lookedAt: Date.now(),
      dlqs,
      retries: retries
        .map(({ row }) => ({
          ...row,
          nextDueAt: heads.get(`${row.groupId}/${row.topic}:${row.partition}`) ?? null,
        }))
        .sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition),
    };
  }

  // One throwaway reader for all heads: it joins a group of its own, commits nothing.
  private async readHeads(
    heads: { groupId: string; topic: string; partition: number; from: string }[],
  ): Promise<Map<string, number>> {
    const due = new Map<string, number>();
    if (heads.length === 0) return due;
    const distinct = new Map(heads.map((h) => [`${h.topic}:${h.partition}:${h.from}`, h]));
    const reader = this.connection.createReader(`nest-kafka-kit.dashboard-reader.${randomUUID()}`);
    const records = await reader.read(
      [...distinct.values()].map((h) => ({
        topic: h.topic,
        partition: h.partition,
        from: h.from,
        to: (BigInt(h.from) + 1n).toString(),
      })),
      REQUEST_TIMEOUT_MS,
    );
    for (const h of heads) {
      const head = records.find(
        (r) => r.topic === h.topic && r.partition === h.partition && r.offset === h.from,
      );
      if (head) due.set(`${h.groupId}/${h.topic}:${h.partition}`, retryDueAt(head));
    }
    return due;
  }
}
