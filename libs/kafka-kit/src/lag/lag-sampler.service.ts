import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { CommittedOffset, GroupDescription, PartitionLogOffsets } from '../client/admin-client.js';
import { KafkaConnection } from '../client/kafka-connection.js';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import type { ConsumerGroupStatus } from '../consumer/state/consumer-state.js';
import { EndOffsetHistory } from './end-offset-history.js';
import { GroupLagTracker } from './group-lag-tracker.js';
import type { GroupLag, LagSnapshot, TopicPartitionOffsets } from './lag-sample.js';
import {
  LAG_SAMPLER_OPTIONS,
  resolveLagSamplerOptions,
  type LagSamplerOptions,
  type ResolvedLagSamplerOptions,
} from './lag-sampler.options.js';
import { groupSampleFailed, groupSampleRecovered, sampleFailed } from './lag.messages.js';
import { mapLimit } from './map-limit.js';
import { partitionOwners } from './partition-owners.js';

const describeError = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const assignedTopics = (group: ConsumerGroupStatus | undefined): Set<string> =>
  new Set(Object.keys(group?.assignment ?? {}));

/** What every group of one sample is judged against. */
interface SampleContext {
  now: number;
  own: ReadonlyMap<string, ConsumerGroupStatus>;
  described: readonly GroupDescription[];
  topicOffsets: ReadonlyMap<string, readonly PartitionLogOffsets[]>;
  topicErrors: ReadonlyMap<string, Error>;
}

/**
 * Samples consumer-group lag every `intervalMs` through the app's one admin connection:
 * committed offsets (read-only), log-end offsets, group members. Feeds each partition's commit
 * window and Burrow's evaluator, and keeps the last result for health checks and metrics,
 * which read it without touching the broker.
 */
@Injectable()
export class LagSampler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('KafkaLagSampler');
  private readonly options: ResolvedLagSamplerOptions;
  private readonly trackers = new Map<string, GroupLagTracker>();
  private readonly histories = new Map<string, EndOffsetHistory>();
  // Groups whose last sample failed: an outage is logged when it starts and when it ends, not
  // once per interval.
  private readonly failing = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<LagSnapshot>;
  private last: LagSnapshot = { sampledAt: 0, groups: [], topics: [], cost: null };

  /** @internal Nest injects the sampler; it is not constructed by hand. */
  constructor(
    private readonly connection: KafkaConnection,
    private readonly consumers: ConsumerStateService,
    @Inject(LAG_SAMPLER_OPTIONS) options: LagSamplerOptions,
  ) {
    this.options = resolveLagSamplerOptions(options);
  }

  /** @internal Nest lifecycle: starts sampling. */
  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sample(), this.options.intervalMs);
    // A lag sampler must never keep a process alive that is otherwise done.
    this.timer.unref();
    void this.sample();
  }

  // Before shutdown, not at it: the shared admin connection closes at shutdown, and a sample
  // still running then would open it again.
  /** @internal Nest lifecycle: stops sampling. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** The result of the last completed sample. */
  snapshot(): LagSnapshot {
    return this.last;
  }

  /** One group of the last sample, or undefined when it is not sampled. */
  group(groupId: string): GroupLag | undefined {
    return this.last.groups.find((g) => g.groupId === groupId);
  }

  /**
   * Samples now (or joins the sample in flight) and resolves with the new snapshot. Never
   * rejects: failures are logged and kept on the affected groups.
   */
  sample(): Promise<LagSnapshot> {
    this.running ??= this.sampleOnce()
      .catch((error: unknown) => {
        this.logger.warn(sampleFailed(describeError(error)));
        return this.last;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private groupIds(): string[] {
    const own = this.options.ownGroups ? this.consumers.all().map((g) => g.groupId) : [];
    return [...new Set([...own, ...this.options.groups])];
  }

  private async sampleOnce(): Promise<LagSnapshot> {
    const started = Date.now();
    const { requestTimeoutMs: timeout, concurrency } = this.options;
    const admin = this.connection.admin();
    const groupIds = this.groupIds();
    const own = new Map(this.consumers.all().map((g) => [g.groupId, g]));

    const described = await admin.describeGroups(groupIds, timeout).catch((): GroupDescription[] => []);
    const committed = await mapLimit(groupIds, concurrency, (id) =>
      admin.committedOffsets(id, timeout).then(
        (offsets): CommittedOffset[] | Error => offsets,
        (error: unknown) => new Error(describeError(error)),
      ),
    );
    const topicsOf = (id: string) => assignedTopics(own.get(id));
    const topics = [
      ...new Set(
        groupIds.flatMap((id, i) => {
          const c = committed[i]!;
          return [...topicsOf(id), ...(c instanceof Error ? [] : c.map((o) => o.topic))];
        }),
      ),
    ].sort();
    const fetched = await mapLimit(topics, concurrency, (topic) =>
      admin.topicOffsets(topic, timeout).then(
        (offsets): PartitionLogOffsets[] | Error => offsets,
        (error: unknown) => new Error(describeError(error)),
      ),
    );
    const now = Date.now();
    const topicOffsets = new Map<string, PartitionLogOffsets[]>();
    const topicErrors = new Map<string, Error>();
    topics.forEach((t, i) => {
      const result = fetched[i]!;
      if (result instanceof Error) topicErrors.set(t, result);
      else topicOffsets.set(t, result);
    });
    const topicRows: TopicPartitionOffsets[] = [];
    for (const [topic, partitions] of topicOffsets) {
      for (const p of partitions) {
        this.history(`${topic}:${p.partition}`).record(p.high, now);
        topicRows.push({ topic, partition: p.partition, logEndOffset: p.high, oldestOffset: p.low });
      }
    }

    const context: SampleContext = { now, own, described, topicOffsets, topicErrors };
    const groups = groupIds.map((groupId, i) => this.observeGroup(groupId, committed[i]!, context));
    this.last = {
      sampledAt: now,
      groups,
      topics: topicRows,
      cost: {
        durationMs: Date.now() - started,
        adminCalls: 1 + groupIds.length + topics.length,
        groups: groupIds.length,
        topics: topics.length,
        partitions: topicRows.length,
      },
    };
    return this.last;
  }

  private observeGroup(groupId: string, result: CommittedOffset[] | Error, c: SampleContext): GroupLag {
    const own = c.own.get(groupId);
    // A group is only as complete as its inputs: partial offsets would fake a low lag.
    const failedTopic =
      result instanceof Error
        ? undefined
        : [...assignedTopics(own), ...result.map((o) => o.topic)].find((t) => c.topicErrors.has(t));
    const offsets = failedTopic === undefined ? result : c.topicErrors.get(failedTopic)!;
    if (offsets instanceof Error) {
      if (!this.failing.has(groupId)) this.logger.warn(groupSampleFailed(groupId, offsets.message));
      this.failing.add(groupId);
      const previous = this.group(groupId);
      return previous
        ? { ...previous, error: offsets.message }
        : this.emptyGroup(groupId, c.now, own !== undefined, offsets.message);
    }
    if (this.failing.delete(groupId)) this.logger.log(groupSampleRecovered(groupId));
    const description = c.described.find((d) => d.groupId === groupId);
    return this.tracker(groupId).observe({
      now: c.now,
      own: own !== undefined,
      groupState: description?.state ?? null,
      members: description && description.state !== 'Dead' ? description.members : null,
      committed: offsets,
      topics: assignedTopics(own),
      topicOffsets: c.topicOffsets,
      histories: this.histories,
      positionLags: new Map((own?.activity ?? []).map((a) => [`${a.topic}:${a.partition}`, a.positionLag])),
      owners: partitionOwners(description),
    });
  }

  private emptyGroup(groupId: string, now: number, own: boolean, error: string): GroupLag {
    return {
      groupId,
      sampledAt: now,
      own,
      groupState: null,
      members: null,
      status: 'NOTFOUND',
      totalLag: 0,
      maxLag: null,
      maxTimeLagSeconds: null,
      unknownLagPartitions: 0,
      complete: 0,
      partitions: [],
      error,
    };
  }

  private tracker(groupId: string): GroupLagTracker {
    let tracker = this.trackers.get(groupId);
    if (!tracker) {
      tracker = new GroupLagTracker(groupId, this.options);
      this.trackers.set(groupId, tracker);
    }
    return tracker;
  }

  private history(id: string): EndOffsetHistory {
    let history = this.histories.get(id);
    if (!history) {
      history = new EndOffsetHistory();
      this.histories.set(id, history);
    }
    return history;
  }
}
