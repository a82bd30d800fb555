import { Kafka, logLevel, type Admin } from 'kafkajs';
import { KafkaHealthModule, KafkaModule, LagSampler } from 'nest-kafka-kit';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KAFKA_VERSION } from '../../embedded/cluster.mjs';
import { runJavaTool } from '../../embedded/java-tools.mjs';
import { createTopics, kafkaBrokers, uniqueName } from '../support.js';
import { kafkaClientOptions } from '../../../../tools/test/kafka-client-options.js';

// Groups of other apps, set up from outside the library: committed offsets written by the
// admin API, records produced to chosen partitions.
async function withAdmin<T>(work: (admin: Admin, kafka: Kafka) => Promise<T>): Promise<T> {
  const kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin, kafka);
  } finally {
    await admin.disconnect();
  }
}

async function fillTopics(kafka: Kafka, topics: string[], perPartition: number[]): Promise<void> {
  // Idempotent: a retry right after topic creation must not duplicate records.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.sendBatch({
    topicMessages: topics.map((topic) => ({
      topic,
      messages: perPartition.flatMap((count, partition) =>
        Array.from({ length: count }, (_, i) => ({ partition, value: `r${i}` })),
      ),
    })),
  });
  await producer.disconnect();
}

/** A lag-watcher app: no consumers of its own, only the listed groups. */
async function startWatcher(groups: string[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      KafkaModule.forRoot({ brokers: kafkaBrokers(), logLevel: 'nothing', ...kafkaClientOptions() }),
      KafkaHealthModule.forRoot({ lag: { groups, ownGroups: false, intervalMs: 60_000 } }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

interface CliRow {
  partition: number;
  current: string;
  end: string;
  lag: string;
}

/** The rows of `kafka-consumer-groups --describe --group` for one topic. */
async function describeGroup(groupId: string, topic: string): Promise<CliRow[]> {
  const version = process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION;
  const out = await runJavaTool('consumer-groups', version, [
    '--bootstrap-server',
    kafkaBrokers().join(','),
    '--describe',
    '--group',
    groupId,
  ]);
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols[0] === groupId && cols[1] === topic)
    .map((cols) => ({ partition: Number(cols[2]), current: cols[3]!, end: cols[4]!, lag: cols[5]! }))
    .sort((a, b) => a.partition - b.partition);
}

describe('LagSampler against a real broker', () => {
  let app: INestApplication | undefined;
  afterAll(() => app?.close());

  it("gives the same lag as Kafka's ConsumerGroupCommand, unknown where nothing is committed", async () => {
    const topic = uniqueName('cgc');
    const groupId = uniqueName('cgc-group');
    await withAdmin(async (admin, kafka) => {
      await createTopics(admin, [{ topic, numPartitions: 3 }]);
      await fillTopics(kafka, [topic], [10, 20, 30]);
      // Partition 2 gets no commit at all.
      await admin.setOffsets({
        groupId,
        topic,
        partitions: [
          { partition: 0, offset: '4' },
          { partition: 1, offset: '20' },
        ],
      });
    });
    app = await startWatcher([groupId]);
    const sampler = app.get(LagSampler);
    const [snapshot, cli] = await Promise.all([sampler.sample(), describeGroup(groupId, topic)]);
    const group = snapshot.groups.find((g) => g.groupId === groupId)!;
    const ours = group.partitions.map((p) => ({
      partition: p.partition,
      current: p.committedOffset ?? '-',
      end: p.logEndOffset,
      lag: p.lag === null ? '-' : String(p.lag),
    }));
    // With no members, the command lists only partitions that have a commit.
    expect(cli).toHaveLength(2);
    expect(ours.slice(0, 2)).toEqual(cli);
    expect(ours).toEqual([
      { partition: 0, current: '4', end: '10', lag: '6' },
      { partition: 1, current: '20', end: '20', lag: '0' },
      { partition: 2, current: '-', end: '30', lag: '-' },
    ]);
    expect(group).toMatchObject({ totalLag: 6, unknownLagPartitions: 1, members: 0, groupState: 'Empty' });
    expect(group.maxLag).toMatchObject({ partition: 0, lag: 6 });

    // The same numbers through Burrow's v3 API, for tools written against Burrow.
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const burrow = await fetch(`${url}/v3/kafka/local/consumer/${groupId}/lag`);
    expect(burrow.status).toBe(200);
    expect(await burrow.json()).toMatchObject({
      error: false,
      status: {
        cluster: 'local',
        group: groupId,
        status: 'OK',
        partition_count: 3,
        totallag: 6,
        maxlag: { topic, partition: 0, current_lag: 6 },
        partitions: [
          { topic, partition: 0, current_lag: 6, end: { offset: 4 } },
          { topic, partition: 1, current_lag: 0 },
          { topic, partition: 2, current_lag: 0, start: null },
        ],
      },
    });
    expect((await fetch(`${url}/v3/kafka/local/consumer/no-such-group/status`)).status).toBe(404);
    await app.close();
    app = undefined;
  });

  describe('cost per interval, 10 groups x 12 partitions', () => {
    const expectedLag: number[] = [];
    const groups = Array.from({ length: 10 }, (_, i) => ({
      groupId: uniqueName(`cost-g${i}`),
      topic: uniqueName(`cost-t${i}`),
    }));

    beforeAll(async () => {
      await withAdmin(async (admin, kafka) => {
        await createTopics(
          admin,
          groups.map(({ topic }) => ({ topic, numPartitions: 12 })),
        );
        const perPartition = Array.from({ length: 12 }, (_, p) => p + 1);
        await fillTopics(
          kafka,
          groups.map((g) => g.topic),
          perPartition,
        );
        for (const { topic } of groups) {
          // Everything uncommitted from offset 0: the lag is the log-end offset, read independently.
          const ends = await admin.fetchTopicOffsets(topic);
          expectedLag.push(ends.reduce((sum, p) => sum + Number(p.high), 0));
        }
        // kafkajs commits through a short-lived group member, a few seconds each: in parallel.
        await Promise.all(
          groups.map(({ groupId, topic }) =>
            admin.setOffsets({
              groupId,
              topic,
              partitions: Array.from({ length: 12 }, (_, partition) => ({ partition, offset: '0' })),
            }),
          ),
        );
      });
    }, 60_000);

    it('samples every partition with a bounded number of admin calls', async () => {
      app = await startWatcher(groups.map((g) => g.groupId));
      const sampler = app.get(LagSampler);
      const costs: { durationMs: number; adminCalls: number }[] = [];
      for (let i = 0; i < 5; i++) {
        const { cost, groups: sampled } = await sampler.sample();
        costs.push(cost!);
        expect(cost).toMatchObject({ groups: 10, topics: 10, partitions: 120, adminCalls: 21 });
        expect(sampled.map((g) => g.totalLag)).toEqual(expectedLag);
      }
      const cpuBefore = process.cpuUsage();
      const started = Date.now();
      await sampler.sample();
      const cpu = process.cpuUsage(cpuBefore);
      const durations = costs.map((c) => c.durationMs).sort((a, b) => a - b);
      console.log(
        `lag sample, 10 groups x 12 partitions: ${costs[0]!.adminCalls} admin calls; wall ms ${durations.join(', ')} ` +
          `(median ${durations[2]}); one more: ${Date.now() - started} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU`,
      );
    });
  });
});
