// A DLQ or retry topic deleted under a running consumer, on a broker that does not create topics
// by itself: the failure cannot be recorded, so nothing is committed at or past it, liveness
// names the partition and the topic it cannot write, and once the topic is back the write goes
// through, the group commits past it and health recovers. The dashboard, in real Chromium, shows
// the partition waiting for its write, without actions, until it goes on. (An ACL denying the
// write is proven in acl.integration.spec.ts.) A retry topic is also read, by the group's retry
// consumer, which cannot join while it is gone: it waits with back-off, not in a tight restart
// loop, warns once, readiness names the topic, and it joins again by itself once it is back.
import { Injectable } from '@nestjs/common';
import {
  KafkaConsumer,
  KafkaDashboardModule,
  KafkaListener,
  KafkaProducer,
  Payload,
  type ErrorHandlingOptions,
  type HealthEvaluation,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BROKER_PORTS } from '../../../tools/test/broker-ports.js';
import { openBrowser, type Browser } from '../../../tools/test/browser.js';
import { OPS_TOKEN, TokenGuard } from './dashboard/dashboard-app.js';
import { startHealthApp, type HealthApp } from './health/health-app.js';
import { CapturingLogger } from './capturing-logger.js';
import { appRights, committedOffsets, startSecuredBroker, type SecuredBroker } from './secured-broker.js';
import { uniqueName, waitFor } from './support.js';

describe('a DLQ or retry topic deleted while the consumer runs (auto-create off)', () => {
  let broker: SecuredBroker;
  let app: HealthApp | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    broker = await startSecuredBroker(TEST_BROKER_PORTS.unwritableFailureTopics, ['app']);
  }, 180_000);
  afterEach(async () => {
    await browser?.close();
    await app?.close();
    app = browser = undefined;
  });
  afterAll(() => broker?.stop());

  const topicCount = (name: string) =>
    broker.admin(async (a) => (await a.listTopics()).filter((t) => t === name).length);

  /** `readBy`: the group that consumes the failure topic (the retry consumer), if one does. */
  async function holdsAndRecovers(
    errorHandling: ErrorHandlingOptions,
    failureTopic: (t: string) => string,
    readBy?: (groupId: string) => string,
  ) {
    const topic = uniqueName('unwritable');
    const groupId = uniqueName('unwritable-group');
    await broker.grant(...appRights('app', topic), ...appRights('app', groupId));
    const received: string[] = [];
    const logger = new CapturingLogger();

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Listener {
      @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling })
      async handle(@Payload() value: { id: string }) {
        if (value.id === 'poison') throw new Error('poison record');
        received.push(value.id);
      }
    }
    app = await startHealthApp(
      [Listener],
      { lag: { intervalMs: 500 } },
      {
        ...broker.connectAs('app'),
        logLevel: 'nothing',
        retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 300 },
      },
      // Guarded, so the page would offer retry and skip on a partition they apply to.
      { imports: [KafkaDashboardModule.forRoot({ guard: TokenGuard, pushIntervalMs: 200 })], logger },
    );
    browser = await openBrowser({ 'x-ops-token': OPS_TOKEN });
    const page = await browser.context.newPage();
    await page.goto(`${await app.app.getUrl()}/kafka/dashboard/groups/${encodeURIComponent(groupId)}`);
    await page.locator('#stopped-none').waitFor({ timeout: 10_000 });
    const unwritable = failureTopic(topic);
    expect(await topicCount(unwritable)).toBe(1); // provisioned at startup
    const reader = readBy?.(groupId);
    // The reader's lines from the deletion on (a fresh broker may have crashed its first join).
    const ofReader = () => logger.lines.filter((l) => l.context === `KafkaConsumer:${reader}`);
    const before = ofReader().length;
    const readerLines = () => ofReader().slice(before);
    await broker.admin((a) => a.deleteTopics({ topics: [unwritable] }));
    await waitFor(`${unwritable} deleted`, async () => (await topicCount(unwritable)) === 0);

    await app.app
      .get(KafkaProducer)
      .send(topic, [{ value: { id: 'poison' } }, { value: { id: 'a' } }, { value: { id: 'b' } }]);
    const live = await waitFor('liveness down on the failing write', async () => {
      const res = await app!.get('/health/live');
      return res.status === 503 && res;
    });
    const problems = live.health.details.kafka_consumers_live!.problems as Record<string, unknown>[];
    expect(problems).toEqual([
      expect.objectContaining({
        groupId,
        reason: 'stopped-partition',
        kind: 'failure-write',
        topic,
        partition: 0,
        offset: '0',
        error: expect.stringContaining(unwritable),
      }),
    ]);
    await waitFor('the records after the poison one handled meanwhile', () => received.length === 2);

    // The same fact on the dashboard, pushed to the open page: waiting for the write, no actions.
    const row = page.locator(`tr[data-stopped="${topic}:0"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-kind')).toBe('failure-write');
    expect(await row.locator('td').nth(2).textContent()).toBe('0');
    expect(await row.locator('td.error').textContent()).toContain(unwritable);
    expect(await row.textContent()).toContain('waiting for its DLQ or retry-topic write');
    expect(await row.locator('form, button').count()).toBe(0);
    // The group's verdict, from the next lag sample that knows the partition.
    await page.locator('#summary [data-verdict="ERR"]').waitFor({ timeout: 10_000 });
    // Still nothing committed past the unrecorded failure, a few write attempts later.
    await waitFor('a few failed write attempts', async () => {
      const res = await app!.get('/health/live');
      return res.status === 503 && Date.now() - Number(problems[0]!.since) > 2000;
    });
    // At most the poison record's own offset: the records after it come again.
    expect(['-1', '0', undefined]).toContain((await committedOffsets(broker, groupId, topic)).get(0));
    expect(await topicCount(unwritable)).toBe(0); // nothing recreated it behind the test's back
    if (reader) await waitsForMissingTopic(reader, unwritable, readerLines);

    await broker.admin((a) => a.createTopics({ topics: [{ topic: unwritable, numPartitions: 1 }] }));
    const back = Date.now();
    await waitFor(
      'the group to commit past the poison record once the topic is back',
      async () => (await committedOffsets(broker, groupId, topic)).get(0) === '3',
      { timeoutMs: 30_000 },
    );
    await waitFor('liveness up', async () => (await app!.get('/health/live')).status === 200);
    await page.locator('#stopped-none').waitFor({ timeout: 10_000 });
    console.log(`${unwritable}: recovered ${Date.now() - back} ms after the topic was recreated`);
    if (reader) {
      await waitFor('readiness up again', async () => (await app!.get('/health/ready')).status === 200);
      console.log(`${reader}: ready again ${Date.now() - back} ms after the topic was recreated`);
      const told = readerLines().filter((l) => l.level !== 'debug' && l.message.includes(unwritable));
      expect(told.map((l) => l.level)).toEqual(['warn', 'log']); // once missing, once back
      expect(told[1]!.message).toContain('back after');
    }
    const end = await broker.admin((a) => a.fetchTopicOffsets(unwritable));
    expect(end[0]!.high).toBe('1'); // the failure recorded once
  }

  /**
   * The reader of the deleted topic: not ready, starting, with a reason naming the topic; a few
   * restarts over 4 s (kafkajs alone restarts at once after such a crash: 18 in 3 s), logged as
   * one warning and then at debug, no ERROR (a tight loop: about 24 in 4 s on kafkajs, 35 on platformatic).
   */
  async function waitsForMissingTopic(
    groupId: string,
    missing: string,
    lines: () => { level: string; message: string }[],
  ) {
    const group = await waitFor('readiness to name the missing topic', async () => {
      const res = await app!.get('/health/ready');
      const groups = res.health.details.kafka_consumers_ready?.groups as
        HealthEvaluation['readiness'] | undefined;
      const g = groups?.find((x) => x.groupId === groupId);
      return res.status === 503 && g?.reason?.includes(missing) && g;
    });
    expect(group).toMatchObject({ ready: false, state: 'starting' });
    expect(group.reason).toMatch(/missing since .*goes on by itself/);
    const restarts = () => lines().filter((l) => / restarts|missing/.test(l.message));
    await waitFor('the warning', () => restarts().length > 0);
    const from = Date.now();
    await waitFor('a 4 s window of restarts', () => Date.now() - from >= 4000, { timeoutMs: 10_000 });
    const seen = restarts();
    console.log(`${groupId}: ${seen.length} restarts in the first 4 s of ${missing} missing`);
    expect(seen.length).toBeLessThanOrEqual(6);
    expect(seen.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual([
      expect.stringContaining(missing),
    ]);
    expect(lines().filter((l) => l.level === 'error')).toEqual([]);
  }

  it('DLQ deleted: holds the partition uncommitted, names it in liveness, recovers when it returns', () =>
    holdsAndRecovers(
      { strategy: 'dead-letter', writeBackoff: { initialMs: 200, maxMs: 1000 } },
      (t) => `${t}.dlq`,
    ));

  /** A one-partition dead-letter listener whose DLQ is deleted before any record comes. */
  async function startWithDlqDeleted(name: string) {
    const topic = uniqueName(name);
    const groupId = uniqueName(`${name}-group`);
    await broker.grant(...appRights('app', topic), ...appRights('app', groupId));
    const received: string[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Listener {
      @KafkaListener(topic, {
        topic: { partitions: 1 },
        errorHandling: { strategy: 'dead-letter', writeBackoff: { initialMs: 200, maxMs: 500 } },
      })
      async handle(@Payload() value: { id: string }) {
        if (value.id === 'poison') throw new Error('poison record');
        received.push(value.id);
      }
    }
    app = await startHealthApp([Listener], {}, { ...broker.connectAs('app'), logLevel: 'nothing' });
    const dlq = `${topic}.dlq`;
    await broker.admin((a) => a.deleteTopics({ topics: [dlq] }));
    await waitFor(`${dlq} deleted`, async () => (await topicCount(dlq)) === 0);
    return { topic, groupId, received, dlq };
  }

  it('a failing DLQ write holds commits at once and the partition one batch later', async () => {
    const { topic, groupId, received, dlq } = await startWithDlqDeleted('unwritable-next');
    const producer = app!.app.get(KafkaProducer);
    const committed = async () => (await committedOffsets(broker, groupId, topic)).get(0);

    await producer.send(topic, [{ value: { id: 'poison' } }, { value: { id: 'a' } }]);
    await waitFor('the write failing', async () => (await app!.get('/health/live')).status === 503);
    await waitFor('the first batch handled', () => received.length === 1);
    // Fetched and handled while the poison record's write still fails: not held behind it.
    await producer.send(topic, [{ value: { id: 'b' } }]);
    await waitFor('the next batch handled', () => received.includes('b'));
    expect((await app!.get('/health/live')).status).toBe(503);
    expect(['-1', '0', undefined]).toContain(await committed());
    // That batch waited for the write carried over from the first: the partition is held now.
    await producer.send(topic, [{ value: { id: 'c' } }]);
    const since = Date.now();
    await waitFor('a few more failed write attempts', async () => Date.now() - since > 2000);
    expect(received).toEqual(['a', 'b']);
    expect(['-1', '0', undefined]).toContain(await committed());

    await broker.admin((a) => a.createTopics({ topics: [{ topic: dlq, numPartitions: 1 }] }));
    await waitFor('the group to commit past every record', async () => (await committed()) === '4', {
      timeoutMs: 30_000,
    });
    expect(received).toEqual(['a', 'b', 'c']);
    expect((await broker.admin((a) => a.fetchTopicOffsets(dlq)))[0]!.high).toBe('1');
  });

  it('a clean shutdown waits for a DLQ write carried past its batch and commits past it', async () => {
    const { topic, groupId, received, dlq } = await startWithDlqDeleted('unwritable-stop');
    await app!.app.get(KafkaProducer).send(topic, [{ value: { id: 'poison' } }, { value: { id: 'a' } }]);
    await waitFor('the write failing', async () => (await app!.get('/health/live')).status === 503);
    await waitFor('the batch handled', () => received.length === 1);

    // The batch is over and the consumer idle, the poison record's write still retrying: the app
    // shuts down, and the topic comes back meanwhile. Nothing may be left for a restart to redo.
    const closing = app!.close();
    app = undefined;
    await broker.admin((a) => a.createTopics({ topics: [{ topic: dlq, numPartitions: 1 }] }));
    await closing;
    expect((await committedOffsets(broker, groupId, topic)).get(0)).toBe('2');
    expect((await broker.admin((a) => a.fetchTopicOffsets(dlq)))[0]!.high).toBe('1');
    expect(received).toEqual(['a']);
  });

  it('retry topic deleted: the same for the first retry topic, whose reader waits for it without a restart loop', () =>
    holdsAndRecovers(
      { strategy: 'retry-topics', delaysMs: [60_000], writeBackoff: { initialMs: 200, maxMs: 1000 } },
      (t) => `${t}.retry.1`,
      (groupId) => `${groupId}.retry`,
    ));
});
