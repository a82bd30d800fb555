import type { Admin, Group } from '@platformatic/kafka';
import type { TopicDeclaration } from '../../interfaces/topic-declaration.interface.js';
import {
  topicConfigEntries,
  type AdminClient,
  type ClusterDescription,
  type CommittedOffset,
  type GroupDescription,
  type PartitionLogOffsets,
} from '../admin-client.js';
import { topicsWithoutLeaders } from '../client.messages.js';
import { withTimeout } from '../with-timeout.js';
import { describeConsumerGroups } from './consumer-group-describe.js';
import { writeGroupTimeouts, type GroupTimeouts } from './group-timeouts.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { answered, withCauses } from './platformatic-errors.js';

const TOPIC_CONFIG = 2;
const EARLIEST = -2n;
const LATEST = -1n;

/** Kafka's group states as @platformatic/kafka spells them -> as kafkajs and the library spell them. */
const GROUP_STATES: Record<string, string> = {
  STABLE: 'Stable',
  PREPARING_REBALANCE: 'PreparingRebalance',
  COMPLETING_REBALANCE: 'CompletingRebalance',
  EMPTY: 'Empty',
  DEAD: 'Dead',
  ASSIGNING: 'Assigning',
  RECONCILING: 'Reconciling',
};

/** The admin calls the library needs, over one @platformatic/kafka admin (it connects on first use). */
export class PlatformaticAdminClient implements AdminClient {
  private readonly admin: Admin;

  constructor(
    private readonly kafka: PlatformaticKafka,
    base: object,
  ) {
    const admin = new kafka.Admin(base as ConstructorParameters<PlatformaticKafka['Admin']>[0]);
    // Every call's failure tells its cause (a refused authentication, an untrusted certificate).
    this.admin = new Proxy(admin, {
      get: (target, name, receiver) => {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function' || name === 'close') return value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          return result instanceof Promise
            ? result.catch((error: unknown) => Promise.reject(withCauses(error)))
            : result;
        };
      },
    });
  }

  async partitionCounts(topics: string[]): Promise<Map<string, number>> {
    const existing = new Set(await this.admin.listTopics({ includeInternals: true }));
    const wanted = topics.filter((t) => existing.has(t));
    if (wanted.length === 0) return new Map();
    const metadata = await this.admin.metadata({ topics: wanted, forceUpdate: true });
    return new Map(wanted.map((t) => [t, metadata.topics.get(t)!.partitionsCount]));
  }

  async maxMessageBytes(topics: string[]): Promise<Map<string, number>> {
    if (topics.length === 0) return new Map();
    const sizes = new Map<string, number>();
    const described = await this.admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({
        resourceType: TOPIC_CONFIG,
        resourceName: name,
        configurationKeys: ['max.message.bytes'],
      })),
    });
    for (const r of described) {
      const value = r.configs.find((c) => c.name === 'max.message.bytes')?.value;
      if (value != null) sizes.set(r.resourceName, Number(value));
    }
    return sizes;
  }

  async createTopics(declarations: TopicDeclaration[]): Promise<boolean> {
    // One request per topic: a topic another instance created first fails only its own request.
    const created = await Promise.all(
      declarations.map((d) =>
        this.admin
          .createTopics({
            topics: [d.topic],
            partitions: d.partitions ?? 1,
            replicas: d.replicationFactor ?? -1,
            configs: topicConfigEntries(d),
          })
          .then(
            () => true,
            (error: unknown) => {
              if (answered(this.kafka, error, 'TOPIC_ALREADY_EXISTS')) return false;
              throw error;
            },
          ),
      ),
    );
    await this.untilLeadersElected(declarations.map((d) => d.topic));
    return created.every(Boolean);
  }

  private async untilLeadersElected(topics: string[], timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const metadata = await this.admin.metadata({ topics, forceUpdate: true });
        const ready = topics.every((t) => {
          const m = metadata.topics.get(t);
          return m && m.partitions.length > 0 && m.partitions.every((p) => p.leader >= 0);
        });
        if (ready) return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      if (Date.now() > deadline) throw new Error(topicsWithoutLeaders(topics, timeoutMs));
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async increasePartitions(topic: string, count: number): Promise<void> {
    await this.admin.createPartitions({ topics: [{ name: topic, count }] });
  }

  describeCluster(timeoutMs: number): Promise<ClusterDescription> {
    return withTimeout(
      this.admin.metadata({ topics: [], forceUpdate: true }).then((m) => ({
        clusterId: m.id,
        controller: m.controllerId >= 0 ? m.controllerId : null,
        brokers: [...m.brokers].map(([nodeId, b]) => ({ nodeId, host: b.host, port: b.port })),
      })),
      timeoutMs,
      'describeCluster',
    );
  }

  topicOffsets(topic: string, timeoutMs: number): Promise<PartitionLogOffsets[]> {
    const read = async () => {
      const metadata = await this.admin.metadata({ topics: [topic] });
      const count = metadata.topics.get(topic)!.partitionsCount;
      const at = (timestamp: bigint) =>
        this.admin.listOffsets({
          topics: [
            {
              name: topic,
              partitions: [...Array(count).keys()].map((partitionIndex) => ({ partitionIndex, timestamp })),
            },
          ],
        });
      const [high, low] = await Promise.all([at(LATEST), at(EARLIEST)]);
      const lows = new Map(low[0]?.partitions.map((p) => [p.partitionIndex, p.offset]));
      return (high[0]?.partitions ?? [])
        .map((p) => ({
          partition: p.partitionIndex,
          high: p.offset.toString(),
          low: String(lows.get(p.partitionIndex) ?? 0n),
        }))
        .sort((a, b) => a.partition - b.partition);
    };
    return withTimeout(read(), timeoutMs, `fetchTopicOffsets(${topic})`);
  }

  committedOffsets(groupId: string, timeoutMs: number): Promise<CommittedOffset[]> {
    return withTimeout(
      this.admin.listConsumerGroupOffsets({ groups: [groupId] }).then((groups) =>
        groups.flatMap((g) =>
          g.topics.flatMap((t) =>
            t.partitions.map((p) => ({
              topic: t.name,
              partition: p.partitionIndex,
              offset: p.committedOffset.toString(),
            })),
          ),
        ),
      ),
      timeoutMs,
      `fetchOffsets(${groupId})`,
    );
  }

  listTopics(timeoutMs: number): Promise<string[]> {
    return withTimeout(this.admin.listTopics({ includeInternals: true }), timeoutMs, 'listTopics');
  }

  async describeGroups(groupIds: string[], timeoutMs: number): Promise<GroupDescription[]> {
    if (groupIds.length === 0) return [];
    const describe = async () => {
      const classic = [...(await this.admin.describeGroups({ groups: groupIds })).values()].map(
        classicDescription,
      );
      // DescribeGroups answers a KIP-848 group Dead, as it answers a group that does not exist.
      const dead = classic.filter((g) => g.state === 'Dead').map((g) => g.groupId);
      if (dead.length === 0) return classic;
      const kip848 = new Map(
        (await describeConsumerGroups(this.kafka, this.admin, dead)).map((g) => [g.groupId, g]),
      );
      return classic.map((g) => kip848.get(g.groupId) ?? g);
    };
    return withTimeout(describe(), timeoutMs, 'describeGroups');
  }

  /** KIP-848's session timeout and heartbeat interval, as `groupId`'s configs (see writeGroupTimeouts). */
  writeGroupTimeouts(groupId: string, timeouts: GroupTimeouts): Promise<void> {
    return writeGroupTimeouts(this.kafka, this.admin, groupId, timeouts);
  }

  async disconnect(): Promise<void> {
    await this.admin.close();
  }
}

function classicDescription(g: Group): GroupDescription {
  return {
    groupId: g.id,
    state: GROUP_STATES[g.state] ?? g.state,
    members: g.members.size,
    assignments: [...g.members.values()].map((m) => ({
      memberId: m.id,
      clientId: m.clientId,
      host: m.clientHost,
      partitions: m.assignments
        ? Object.fromEntries([...m.assignments.values()].map((a) => [a.topic, a.partitions]))
        : null,
    })),
  };
}
