import type { TopicDeclaration } from '../interfaces/topic-declaration.interface.js';
import type { TopicPartitions } from './member-assignment.js';

/** What `describeCluster` reports. */
export interface ClusterDescription {
  clusterId: string;
  /** Node id of the active controller, or `null` when the cluster does not know one. */
  controller: number | null;
  brokers: { nodeId: number; host: string; port: number }[];
}

/** Log offsets of one partition; `high` is the log-end offset, `low` the oldest offset kept. */
export interface PartitionLogOffsets {
  partition: number;
  high: string;
  low: string;
}

/** A group's committed offset for one partition; `'-1'` when nothing is committed. */
export interface CommittedOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** What `describeGroups` reports about one group. */
export interface GroupDescription {
  groupId: string;
  /** Kafka's group state: Stable, PreparingRebalance, CompletingRebalance, Empty, Dead (KIP-848 groups: Assigning, Reconciling too). */
  state: string;
  members: number;
  /** Each member's client id, host and decoded assignment (`null` when it cannot be decoded). */
  assignments: MemberAssignment[];
}

/** One member of a group and the partitions it was assigned. */
export interface MemberAssignment {
  memberId: string;
  clientId: string;
  /** The member's address as the coordinator saw it, e.g. `/10.0.0.7`. */
  host: string;
  partitions: TopicPartitions | null;
}

/** The admin calls the library needs (provisioning, health, lag, the DLQ tools), connected lazily. */
export interface AdminClient {
  /** Partition count of each existing topic among `topics` (missing ones are left out). */
  partitionCounts(topics: string[]): Promise<Map<string, number>>;
  /**
   * `max.message.bytes` of each existing topic among `topics` (the broker's default when the
   * topic sets none); topics it cannot read the config of are left out.
   */
  maxMessageBytes(topics: string[]): Promise<Map<string, number>>;
  /** Creates the topics and waits for their leaders; false when one already existed. */
  createTopics(declarations: TopicDeclaration[]): Promise<boolean>;
  increasePartitions(topic: string, count: number): Promise<void>;
  /** Cluster id, controller and live brokers. */
  describeCluster(timeoutMs: number): Promise<ClusterDescription>;
  /** Log-end (high) and oldest (low) offsets of every partition of `topic`. */
  topicOffsets(topic: string, timeoutMs: number): Promise<PartitionLogOffsets[]>;
  /** Committed offsets of `groupId` on every topic it has committed to (read-only). */
  committedOffsets(groupId: string, timeoutMs: number): Promise<CommittedOffset[]>;
  /** Names of every topic in the cluster (internal topics included). */
  listTopics(timeoutMs: number): Promise<string[]>;
  /** State, member count and members' assignments of each group. */
  describeGroups(groupIds: string[], timeoutMs: number): Promise<GroupDescription[]>;
  disconnect(): Promise<void>;
}

/** Config entries of a declared topic, as Kafka names them. */
export function topicConfigEntries(d: TopicDeclaration): { name: string; value: string }[] {
  return Object.entries({
    ...(d.retentionMs !== undefined ? { 'retention.ms': String(d.retentionMs) } : {}),
    ...(d.cleanupPolicy ? { 'cleanup.policy': d.cleanupPolicy } : {}),
    ...d.configs,
  }).map(([name, value]) => ({ name, value }));
}
