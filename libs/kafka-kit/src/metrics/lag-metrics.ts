import { Gauge, type Registry } from 'prom-client';
import type { GroupLag, LagSnapshot, PartitionLag, TopicPartitionOffsets } from '../lag/lag-sample.js';
import type { LagSampler } from '../lag/lag-sampler.service.js';
import type { GroupLagStatus } from '../lag/lag-status.js';

type GroupFill = (set: (labels: Record<string, string>, value: number) => void, group: GroupLag) => void;
type PartitionValue = (p: PartitionLag) => number | null;

const STATUS_VALUE = { NOTFOUND: 0, OK: 1, WARN: 2, ERR: 3 } as const;

/**
 * kafka_exporter's lag metrics, same names and labels, so its dashboards and alerts work
 * unchanged. Collected at scrape time from the sampler's last result: a scrape never touches
 * the broker. A partition with nothing committed reports lag -1 and is left out of the sum,
 * as kafka_exporter does. `verdicts` gives each group's status from the health evaluation, so
 * kafka_consumergroup_lag_status says what /health and Burrow's /v3 say.
 */
export function registerLagMetrics(
  registry: Registry,
  sampler: Pick<LagSampler, 'snapshot'>,
  verdicts: () => ReadonlyMap<string, GroupLagStatus>,
): void {
  const snapshot = (): LagSnapshot => sampler.snapshot();

  // Every gauge refills itself from the snapshot on scrape, so none depends on another's order.
  const groupGauge = (name: string, help: string, labelNames: string[], fill: GroupFill): void => {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const group of snapshot().groups) fill((labels, value) => this.set(labels, value), group);
      },
    });
  };
  const partitionGauge = (name: string, help: string, value: PartitionValue): void =>
    groupGauge(name, help, ['consumergroup', 'topic', 'partition'], (set, g) => {
      for (const p of g.partitions) {
        const v = value(p);
        if (v !== null) set({ consumergroup: g.groupId, topic: p.topic, partition: String(p.partition) }, v);
      }
    });
  const topicGauge = (name: string, help: string, value: (t: TopicPartitionOffsets) => string): void => {
    new Gauge({
      name,
      help,
      labelNames: ['topic', 'partition'],
      registers: [registry],
      collect() {
        this.reset();
        for (const t of snapshot().topics)
          this.set({ topic: t.topic, partition: String(t.partition) }, Number(value(t)));
      },
    });
  };

  partitionGauge(
    'kafka_consumergroup_lag',
    'Current approximate lag of a consumer group at topic/partition',
    (p) => p.lag ?? -1,
  );
  partitionGauge(
    'kafka_consumergroup_current_offset',
    'Current offset of a consumer group at topic/partition',
    (p) => (p.committedOffset === null ? -1 : Number(p.committedOffset)),
  );
  partitionGauge(
    'kafka_consumergroup_lag_seconds',
    'Seconds the committed offset is behind the log end (interpolated from sampled end offsets)',
    (p) => p.timeLagSeconds,
  );
  groupGauge(
    'kafka_consumergroup_lag_sum',
    'Current approximate lag of a consumer group at topic for all partitions',
    ['consumergroup', 'topic'],
    (set, g) => {
      const sums = new Map<string, number>();
      for (const p of g.partitions) sums.set(p.topic, (sums.get(p.topic) ?? 0) + (p.lag ?? 0));
      for (const [topic, sum] of sums) set({ consumergroup: g.groupId, topic }, sum);
    },
  );
  groupGauge(
    'kafka_consumergroup_members',
    'Amount of members in a consumer group',
    ['consumergroup'],
    (set, g) => {
      if (g.members !== null) set({ consumergroup: g.groupId }, g.members);
    },
  );
  new Gauge({
    name: 'kafka_consumergroup_lag_status',
    help: "The group's verdict (Burrow's, sharpened by the consumer's own state): 0 NOTFOUND, 1 OK, 2 WARN, 3 ERR",
    labelNames: ['consumergroup'],
    registers: [registry],
    collect() {
      this.reset();
      const judged = verdicts();
      for (const g of snapshot().groups)
        this.set({ consumergroup: g.groupId }, STATUS_VALUE[judged.get(g.groupId) ?? g.status]);
    },
  });
  topicGauge(
    'kafka_topic_partition_current_offset',
    'Current Offset of a Broker at Topic/Partition',
    (t) => t.logEndOffset,
  );
  topicGauge(
    'kafka_topic_partition_oldest_offset',
    'Oldest Offset of a Broker at Topic/Partition',
    (t) => t.oldestOffset,
  );
}
