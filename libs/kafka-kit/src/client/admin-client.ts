import type { Admin, ITopicConfig } from 'kafkajs';
import type { TopicDeclaration } from '../interfaces/topic-declaration.interface.js';

/** The admin calls the library needs, over one lazily connected kafkajs admin. */
export class AdminClient {
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

  async createTopics(declarations: TopicDeclaration[]): Promise<void> {
    await this.ready();
    await this.admin.createTopics({ waitForLeaders: true, topics: declarations.map(toTopicConfig) });
  }

  async increasePartitions(topic: string, count: number): Promise<void> {
    await this.ready();
    await this.admin.createPartitions({ topicPartitions: [{ topic, count }] });
  }

  async disconnect(): Promise<void> {
    if (this.connecting) await this.admin.disconnect();
    this.connecting = undefined;
  }
}

function toTopicConfig(d: TopicDeclaration): ITopicConfig {
  const configEntries = Object.entries({
    ...(d.retentionMs !== undefined ? { 'retention.ms': String(d.retentionMs) } : {}),
    ...(d.cleanupPolicy ? { 'cleanup.policy': d.cleanupPolicy } : {}),
    ...d.configs,
  }).map(([name, value]) => ({ name, value }));
  return {
    topic: d.topic,
    numPartitions: d.partitions ?? 1,
    replicationFactor: d.replicationFactor ?? -1,
    configEntries,
  };
}
