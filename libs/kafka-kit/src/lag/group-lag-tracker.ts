import type { CommittedOffset, PartitionLogOffsets } from '../client/admin-client.js';
import { evaluatePartition } from './burrow-evaluator.js';
import { CommitWindow } from './commit-window.js';
import type { EndOffsetHistory } from './end-offset-history.js';
import { evaluateGroup } from './group-evaluator.js';
import type { GroupLag, PartitionLag, PartitionOwner } from './lag-sample.js';
import type { ResolvedLagSamplerOptions } from './lag-sampler.options.js';
import { computeLag, summarizeLag } from './lag-math.js';

/** What one sample of a group brings in. */
export interface GroupObservation {
  readonly now: number;
  readonly own: boolean;
  readonly groupState: string | null;
  readonly members: number | null;
  readonly committed: readonly CommittedOffset[];
  /** Topics the group consumes beyond those it committed to (its assignment, for own groups). */
  readonly topics: ReadonlySet<string>;
  readonly topicOffsets: ReadonlyMap<string, readonly PartitionLogOffsets[]>;
  readonly histories: ReadonlyMap<string, EndOffsetHistory>;
  /** Position lag per `topic:partition`, from the app's own consumer. */
  readonly positionLags: ReadonlyMap<string, string>;
  /** The member assigned each `topic:partition`, from the group's description. */
  readonly owners: ReadonlyMap<string, PartitionOwner>;
}

/**
 * The commit windows of one group's partitions, fed once per sample. The committed offset has
 * no commit time in the admin API, so a commit is stored with the time it was first seen
 * (CommitWindow's contract); a consumer that stops committing therefore shows as Burrow's STOP.
 */
export class GroupLagTracker {
  private readonly windows = new Map<string, CommitWindow>();

  constructor(
    readonly groupId: string,
    private readonly options: Pick<
      ResolvedLagSamplerOptions,
      'intervals' | 'allowedLag' | 'minimumComplete' | 'isDelayedTopic'
    >,
  ) {}

  observe(o: GroupObservation): GroupLag {
    const committed = new Map(o.committed.map((c) => [`${c.topic}:${c.partition}`, c.offset]));
    const topics = [...new Set([...o.topics, ...o.committed.map((c) => c.topic)])].sort();
    const partitions: PartitionLag[] = [];
    for (const topic of topics) {
      const logs = [...(o.topicOffsets.get(topic) ?? [])].sort((a, b) => a.partition - b.partition);
      for (const log of logs) {
        const id = `${topic}:${log.partition}`;
        partitions.push(this.observePartition(o, topic, log, committed.get(id) ?? '-1', id));
      }
    }
    const found = partitions.length > 0 || o.members !== null;
    const report = evaluateGroup(found ? partitions : undefined);
    const timeLags = partitions.flatMap((p) => (p.timeLagSeconds === null ? [] : [p.timeLagSeconds]));
    return {
      groupId: this.groupId,
      sampledAt: o.now,
      own: o.own,
      groupState: o.groupState,
      members: o.members,
      status: report.status,
      totalLag: report.totalLag,
      maxLag: summarizeLag(partitions).maxLag,
      maxTimeLagSeconds: timeLags.length > 0 ? Math.max(...timeLags) : null,
      unknownLagPartitions: report.unknownLagPartitions,
      complete:
        partitions.length > 0 ? partitions.reduce((s, p) => s + p.complete, 0) / partitions.length : 0,
      partitions,
    };
  }

  private observePartition(
    o: GroupObservation,
    topic: string,
    log: PartitionLogOffsets,
    committedOffset: string,
    id: string,
  ): PartitionLag {
    let window = this.windows.get(id);
    if (!window) {
      // Samples are already an interval apart; Burrow's min-distance would merge nothing useful.
      window = new CommitWindow({ intervals: this.options.intervals, minDistanceMs: 0 });
      this.windows.set(id, window);
    }
    window.recordEndOffset(log.high);
    const newest = window.commitSamples().at(-1);
    if (committedOffset !== '-1' && newest?.offset.toString() !== committedOffset) {
      window.recordCommit({ offset: committedOffset, timestamp: o.now });
    }
    const lag = computeLag(log.high, committedOffset);
    const timeLag = lag === null ? null : (o.histories.get(id)?.timeLag(committedOffset, o.now) ?? null);
    const samples = window.commitSamples();
    const { intervals, allowedLag, minimumComplete, isDelayedTopic } = this.options;
    const complete = samples.length / intervals;
    const delayed = isDelayedTopic(topic);
    const judged = lag !== null && complete >= minimumComplete && !delayed;
    return {
      topic,
      partition: log.partition,
      committedOffset: committedOffset === '-1' ? null : committedOffset,
      logEndOffset: log.high,
      oldestOffset: log.low,
      lag,
      timeLagSeconds: timeLag?.seconds ?? null,
      timeLagLowerBound: timeLag?.lowerBound ?? false,
      positionLag: o.positionLags.get(id) ?? null,
      owner: o.owners.get(id) ?? null,
      status: judged
        ? evaluatePartition({ ...window.toEvaluationInput(o.now, allowedLag), currentLag: lag })
        : 'OK',
      window: samples,
      complete,
      delayed,
    };
  }
}
