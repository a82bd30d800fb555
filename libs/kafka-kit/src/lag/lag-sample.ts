import type { StoredCommitSample } from './commit-window.js';
import type { GroupLagStatus, PartitionLagStatus } from './lag-status.js';

/** The group member a partition is assigned to, from the group's DescribeGroups answer. */
export interface PartitionOwner {
  /** The member id the coordinator gave it. */
  readonly memberId: string;
  /** The member's Kafka client id. */
  readonly clientId: string;
  /** The member's address as the group coordinator saw it, e.g. `/10.0.0.7`. */
  readonly host: string;
}

/** One partition of a group, as the lag sampler last saw it. */
export interface PartitionLag {
  /** The topic. */
  readonly topic: string;
  /** The partition. */
  readonly partition: number;
  /** The group's committed offset, or `null` when nothing is committed. */
  readonly committedOffset: string | null;
  /** The partition's log-end offset (high watermark). */
  readonly logEndOffset: string;
  /** The oldest offset still in the log. */
  readonly oldestOffset: string;
  /** Offset lag: log-end minus committed. `null` (unknown, not zero) when nothing is committed. */
  readonly lag: number | null;
  /**
   * Seconds behind: how long ago the record at the committed offset reached the log,
   * interpolated from the sampled end offsets. `null` when unknown.
   */
  readonly timeLagSeconds: number | null;
  /** True when the committed offset predates every sample, so the time lag is a lower bound. */
  readonly timeLagLowerBound: boolean;
  /**
   * Position lag the consumer saw in its last batch (log end minus fetch position), for the
   * app's own groups; `null` for groups of other apps.
   */
  readonly positionLag: string | null;
  /** The member assigned this partition; `null` when none is, or its assignment is unreadable. */
  readonly owner: PartitionOwner | null;
  /** Burrow's verdict from the commit window. */
  readonly status: PartitionLagStatus;
  /** The commit window, oldest first (Burrow's `start` is the first, `end` the last). */
  readonly window: readonly StoredCommitSample[];
  /** How full the window is, 0..1 (Burrow's `complete`). */
  readonly complete: number;
  /** A topic whose records wait on purpose (a retry topic): never judged, never over a limit. */
  readonly delayed: boolean;
}

/** One group's lag at the last sample. */
export interface GroupLag {
  /** The consumer group. */
  readonly groupId: string;
  /** Epoch ms of the sample. */
  readonly sampledAt: number;
  /** True for a group this app consumes with. */
  readonly own: boolean;
  /** Kafka's group state (Stable, Empty, ...), or `null` when it could not be described. */
  readonly groupState: string | null;
  /** Members in the group, or `null` when it could not be described. */
  readonly members: number | null;
  /** Burrow's group verdict: worst partition, STOP/STALL/REWIND shown as ERR. */
  readonly status: GroupLagStatus;
  /** Sum of the known partition lags. */
  readonly totalLag: number;
  /** The partition with the highest known lag (records-lag-max), or `null`. */
  readonly maxLag: PartitionLag | null;
  /** The highest known time lag over the partitions, in seconds, or `null`. */
  readonly maxTimeLagSeconds: number | null;
  /** Partitions with nothing committed, left out of the totals. */
  readonly unknownLagPartitions: number;
  /** Mean window fullness over the partitions, 0..1. */
  readonly complete: number;
  /** Every partition the group has committed on or is assigned, sorted by topic and partition. */
  readonly partitions: readonly PartitionLag[];
  /** Why the last sample of this group failed; its other fields are from the sample before. */
  readonly error?: string;
}

/** Offsets of one topic partition, for the topic metrics. */
export interface TopicPartitionOffsets {
  /** The topic. */
  readonly topic: string;
  /** The partition. */
  readonly partition: number;
  /** The log-end offset (high watermark). */
  readonly logEndOffset: string;
  /** The oldest offset still in the log. */
  readonly oldestOffset: string;
}

/** What one sample cost, for operators sizing the interval. */
export interface LagSampleCost {
  /** Wall time of the sample, in milliseconds. */
  readonly durationMs: number;
  /** Admin calls made (DescribeGroups + OffsetFetch per group + offsets per topic). */
  readonly adminCalls: number;
  /** Consumer groups sampled. */
  readonly groups: number;
  /** Distinct topics whose offsets were listed. */
  readonly topics: number;
  /** Partitions in those topics. */
  readonly partitions: number;
}

/** Everything the lag sampler knows after its last sample. */
export interface LagSnapshot {
  /** Epoch ms of the last completed sample; 0 before the first. */
  readonly sampledAt: number;
  /** Every sampled group: the app's own and `lag.groups`. */
  readonly groups: readonly GroupLag[];
  /** Offsets of every partition of the sampled groups' topics. */
  readonly topics: readonly TopicPartitionOffsets[];
  /** What the last sample cost; `null` before the first. */
  readonly cost: LagSampleCost | null;
}
