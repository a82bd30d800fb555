import type { Admin, ITopicConfig } from 'kafkajs';
import type { TopicDeclaration } from '../interfaces/topic-declaration.interface.js';
import {
  topicConfigEntries,
  type AdminClient,
  type ClusterDescription,
  type PartitionLogOffsets,
} from './admin-client.js';
import { topicsWithoutLeaders } from './client.messages.js';
import { decodeMemberAssignment } from './member-assignment.js';
import { withTimeout } from './with-timeout.js';
import { ConfigResourceTypes } from './kafkajs.js';

/** The admin calls the library needs, over one lazily connected kafkajs admin. */
export class KafkajsAdminClient implements AdminClient {
  private connecting?: Promise<void>;

  constructor(private readonly admin: Admin) {}

  private ready(): Promise<void> {
    this.connecting ??= this.admin.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  /** Partition count of each existing topic among `topics` (missing ones are left out). */
  async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    await this.ready();
    const existing = new Set(await this.admin.listTopics());
    const wanted = topics.filter((t) => existing.has(t));
    if (wanted.length === 0) return new Map();
    const { topics: meta } = await this.admin.fetchTopicMetadata({ topics: wanted });
    return new Map(meta.map((t) => [t.name, t.partitions.length]));
  }

  /**
   * `max.message.bytes` of each existing topic among `topics` (the broker's default when the
   * topic sets none); topics it cannot read the config of are left out.
   */
  async maxMessageBytes(topics: string[]): Promise<Map<string, number>> {
    if (topics.length === 0) return new Map();
    await this.ready();
    const { resources } = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configNames: ['max.message.bytes'],
      })),
    });
    const sizes = new Map<string, number>();
    for (const r of resources) {
      const value = r.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue;
      if (r.errorCode === 0 && value !== undefined) sizes.set(r.resourceName, Number(value));
    }
    return sizes;
  }

  /** Creates the topics; false when one already existed (another instance created it first). */
  async createTopics(declarations: TopicDeclaration[]): Promise<boolean> {
    await this.ready();
    const created = await this.admin.createTopics({
      waitForLeaders: false,
      topics: declarations.map(toTopicConfig),
    });
    await this.untilLeadersElected(declarations.map((d) => d.topic));
    return created;
  }

  /**
   * kafkajs' own `waitForLeaders` gives up when the broker it asks has not heard of the new
   * topic yet (UNKNOWN_TOPIC_OR_PARTITION, seen on 3-broker clusters), so wait here instead.
   */
  private async untilLeadersElected(topics: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics: meta } = await this.admin.fetchTopicMetadata({ topics });
        if (meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (Date.now() > deadline) throw new Error(topicsWithoutLeaders(topics, timeoutMs));
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async increasePartitions(topic: string, count: number): Promise<void> {
    await this.ready();
    await this.admin.createPartitions({ topicPartitions: [{ topic, count }] });
  }

  /** Cluster id, controller and live brokers. */
  describeCluster(timeoutMs: number): Promise<ClusterDescription> {
    return this.timed('describeCluster', timeoutMs, () => this.admin.describeCluster());
  }

  /** Log-end (high) and oldest (low) offsets of every partition of `topic`. */
  async topicOffsets(topic: string, timeoutMs: number): Promise<PartitionLogOffsets[]> {
    const offsets = await this.timed(`fetchTopicOffsets(${topic})`, timeoutMs, () =>
      this.admin.fetchTopicOffsets(topic),
    );
    return offsets.map(({ partition, high, low }) => ({ partition, high, low }));
  }

  /**
   * Committed offsets of `groupId` on every topic it has committed to. Read-only: it never
   * passes `resolveOffsets`, which would write the group's offsets.
   */
  async committedOffsets(groupId: string, timeoutMs: number) {
    const topics = await this.timed(`fetchOffsets(${groupId})`, timeoutMs, () =>
      this.admin.fetchOffsets({ groupId }),
    );
    return topics.flatMap(({ topic, partitions }) =>
      partitions.map(({ partition, offset }) => ({ topic, partition, offset })),
    );
  }

  /** Names of every topic in the cluster (internal topics included). */
  listTopics(timeoutMs: number): Promise<string[]> {
    return this.timed('listTopics', timeoutMs, () => this.admin.listTopics());
  }

  /** State and member count of each group (one request per group coordinator). */
  async describeGroups(groupIds: string[], timeoutMs: number) {
    if (groupIds.length === 0) return [];
    const { groups } = await this.timed('describeGroups', timeoutMs, () =>
      this.admin.describeGroups(groupIds),
    );
    return groups.map((g) => ({
      groupId: g.groupId,
      state: g.state,
      members: g.members.length,
      // Only the consumer protocol's assignments have the topic-partition format.
      assignments: g.members.map((m) => ({
        memberId: m.memberId,
        clientId: m.clientId,
        host: m.clientHost,
        partitions: g.protocolType === 'consumer' ? decodeMemberAssignment(m.memberAssignment) : null,
      })),
    }));
  }

  // The timeout covers connecting too: with the broker down, connect() is what hangs.
  private timed<T>(request: string, timeoutMs: number, call: () => Promise<T>): Promise<T> {
    return withTimeout(this.ready().then(call), timeoutMs, request);
  }

  async disconnect(): Promise<void> {
    if (this.connecting) await this.admin.disconnect();
    this.connecting = undefined;
  }
}

function toTopicConfig(d: TopicDeclaration): ITopicConfig {
  return {
    topic: d.topic,
    numPartitions: d.partitions ?? 1,
    replicationFactor: d.replicationFactor ?? -1,
    configEntries: topicConfigEntries(d),
  };
}
