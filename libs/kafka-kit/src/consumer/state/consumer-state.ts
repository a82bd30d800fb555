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
  kind: StoppedPartitionKind;
  topic: string;
  partition: number;
  offset: string;
  error: string;
  since: number;
}

/** What one partition is doing right now; mutated in place by the consumer loop. */
export interface PartitionActivity {
  groupId: string;
  topic: string;
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

export interface ConsumerGroupStatus {
  groupId: string;
  state: ConsumerState;
  assignment: Record<string, number[]>;
  stoppedPartitions: StoppedPartition[];
  activity: PartitionActivity[];
  lastError?: { message: string; at: number };
  /** Epoch ms of the last heartbeat the coordinator acknowledged (or of joining). */
  lastHeartbeatAt?: number;
  /** The group's session timeout: silent longer than this, the broker has dropped the member. */
  sessionTimeoutMs?: number;
  rebalances: number;
  /**
   * Epoch ms since when the group has been rebalancing, while it is: a member that died holds
   * the whole group here until its session times out.
   */
  rebalancingSince?: number;
}

export interface ConsumerStateChange {
  groupId: string;
  from: ConsumerState;
  to: ConsumerState;
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
