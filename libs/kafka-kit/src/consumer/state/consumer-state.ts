/**
 * starting: connecting and joining; running: partitions assigned and fetching; rebalancing:
 * the group is reassigning partitions; paused: at least one partition stopped on an error;
 * stopped: shut down on purpose; crashed: kafkajs gave up and will not restart by itself.
 */
export type ConsumerState = 'starting' | 'running' | 'rebalancing' | 'paused' | 'stopped' | 'crashed';

/**
 * Why a partition is not going on.
 * - `stop-on-error`: the stop strategy halted it at a failed record; it waits for an operator
 *   (retry or skip, see StoppedPartitionsService) or a restart.
 * - `failure-write`: its failed record cannot be written to the DLQ or retry topic yet; the
 *   write is retried with back-off and the partition goes on by itself once it succeeds, so an
 *   operator must not move it (fix the DLQ instead).
 * - `offset-store`: the listener's offset store cannot be read (its database is down), so the
 *   partition's starting offset is unknown and it stays paused; the load is retried with
 *   back-off and the partition goes on by itself once the store answers. Its `offset` is `''`
 *   (the position is what cannot be read), readiness is down rather than liveness (a restart
 *   does not bring a database back), and an operator cannot move it.
 */
export type StoppedPartitionKind = 'stop-on-error' | 'failure-write' | 'offset-store';

/** A partition halted at a record, uncommitted (or held before its first fetch), and why. */
export interface StoppedPartition {
  /** Why it is halted, and so who moves it on: see StoppedPartitionKind. */
  kind: StoppedPartitionKind;
  /** The partition's topic. */
  topic: string;
  /** The partition. */
  partition: number;
  /** Offset of the record it is halted at (the next one to be delivered), as a decimal string. */
  offset: string;
  /** The failure as `Name: message`; for `failure-write`, why the write fails. */
  error: string;
  /** Epoch ms when it stopped. */
  since: number;
}

/** What one partition is doing right now; mutated in place by the consumer loop. */
export interface PartitionActivity {
  /** The consumer group. */
  groupId: string;
  /** The topic. */
  topic: string;
  /** The partition. */
  partition: number;
  /** Offset of the record being handled, or of the last handled one. */
  offset: string;
  /** Epoch ms when the current handler call started; 0 when idle. */
  handlingSince: number;
  /** Epoch ms of the last record handled (success or recorded failure). */
  lastProgressAt: number;
  /** Records handled since start. */
  handled: number;
  /** Log-end offset minus position, from the consumer's own last batch. */
  positionLag: string;
}

/** A snapshot of one consumer group of this process (`ConsumerStateService.all()` / `get()`). */
export interface ConsumerGroupStatus {
  /** The consumer group id. */
  groupId: string;
  /** What the group's consumer is doing; see ConsumerState. */
  state: ConsumerState;
  /** Partitions this member holds, by topic (empty while starting or rebalancing). */
  assignment: Record<string, number[]>;
  /** Partitions halted at a record, with the record and the error. */
  stoppedPartitions: StoppedPartition[];
  /** What each assigned partition is doing (current offset, handler running since, records handled). */
  activity: PartitionActivity[];
  /** The last error of the consumer itself (a crash, a failed join), with its epoch ms. */
  lastError?: {
    /** The error's message. */
    message: string;
    /** Epoch ms when it happened. */
    at: number;
  };
  /**
   * Subscribed topics the cluster does not have (deleted, with auto-creation off), while the
   * group is `starting` because of them: its consumer tries to join again with back-off and goes
   * on by itself once they exist.
   */
  missingTopics?: {
    /** The subscribed topics found missing. */
    topics: string[];
    /** Epoch ms when they were first found missing. */
    since: number;
  };
  /** Epoch ms of the last heartbeat the coordinator acknowledged (or of joining). */
  lastHeartbeatAt?: number;
  /** The group's session timeout: silent longer than this, the broker has dropped the member. */
  sessionTimeoutMs?: number;
  /** Rebalances this member went through since start. */
  rebalances: number;
  /**
   * Epoch ms since when the group has been rebalancing, while it is: a member that died holds
   * the whole group here until its session times out.
   */
  rebalancingSince?: number;
}

/** One state transition of a group, emitted as `change` by ConsumerStateService. */
export interface ConsumerStateChange {
  /** The consumer group. */
  groupId: string;
  /** The state before. */
  from: ConsumerState;
  /** The state now. */
  to: ConsumerState;
  /** The error that caused it (a crash), when there is one. */
  error?: string;
}

/**
 * Notified by the consumer loop; metrics register one. Called on the hot path, so an
 * observer must be cheap (a counter increment, a histogram observation).
 */
export interface ConsumerObserver {
  /** `count` records were handled successfully in `durationMs` (count > 1 in batch mode). */
  handled?(activity: PartitionActivity, count: number, durationMs: number): void;
  /** A record failed; `verdict` is what its error strategy decided. */
  failed?(activity: PartitionActivity, strategy: string, verdict: string, error: unknown): void;
}
