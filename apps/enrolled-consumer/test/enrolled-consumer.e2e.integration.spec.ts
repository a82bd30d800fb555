// enrolled-consumer as deployed: its own process on the real broker and a real PostgreSQL
// database, checked only from outside (HTTP, Kafka, SQL): notifications once each after a kill -9
// and a redelivery, the incident record in the DLQ with its reason, a gateway outage recovered
// through the retry topics, a poison CDC change that stops only its partition until skipped.
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { murmur2Partition } from 'nest-kafka-kit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApps, startApp, type AppProcess } from '../../../tools/test/app-process.js';
import { setOffsetOnceEmpty } from '../../../tools/test/group-offsets.js';
import { kafkaBrokers, uniqueName, waitFor } from '../../../tools/test/helpers.js';
import { freshDatabase } from '../../../tools/test/postgres.js';

const OPS_TOKEN = uniqueName('ops');
const ops = { 'x-ops-token': OPS_TOKEN };

describe('enrolled-consumer as a process', () => {
  const prefix = `${uniqueName('e2e')}.`;
  const enrolledTopic = `${prefix}rt.enrolled`;
  const cdcTopic = `${prefix}cdc.enrollments`;
  const notifierGroup = `${prefix}enrolled-notifier`;
  let env: Record<string, string>;
  let app: AppProcess;
  let sql: pg.Client;
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  const put = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const enroll = async (enrollmentId: string, courseId: string) => {
    const value = { enrollmentId, studentId: `student-${enrollmentId}`, courseId, enrolledAt: Date.now() };
    const [meta] = await producer.send({
      topic: enrolledTopic,
      acks: -1,
      messages: [{ key: enrollmentId, value: JSON.stringify(value) }],
    });
    return { partition: meta!.partition, offset: meta!.baseOffset! };
  };
  const tutorsNotified = async (enrollmentId: string) =>
    (
      await sql.query<{ tutor_id: string }>(
        'SELECT tutor_id FROM notifications WHERE enrollment_id = $1 ORDER BY tutor_id',
        [enrollmentId],
      )
    ).rows.map((r) => r.tutor_id);
  /** The first record of `topic` with `key`, read from the beginning by a group of its own. */
  const findRecord = async (topic: string, key: string) => {
    const consumer = kafka.consumer({ groupId: uniqueName('e2e-reader') });
    let found: { headers: Record<string, string> } | undefined;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== key) return;
        found = {
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        };
      },
    });
    try {
      return await waitFor(`${key} in ${topic}`, () => found, { timeoutMs: 30_000 });
    } finally {
      await consumer.disconnect();
    }
  };
  const consumed = async (topic: string) => {
    const text = await (await app.get('/metrics')).text();
    return [...text.matchAll(/^kafka_kit_records_consumed_total\{([^}]*)\} (\d+)/gm)]
      .filter((m) => m[1]!.includes(`topic="${topic}"`))
      .reduce((sum, m) => sum + Number(m[2]), 0);
  };

  beforeAll(async () => {
    buildApps();
    const databaseUrl = await freshDatabase('enrolled_e2e');
    sql = new pg.Client({ connectionString: databaseUrl });
    await sql.connect();
    kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer();
    await producer.connect();
    env = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      DATABASE_URL: databaseUrl,
      KAFKA_NAME_PREFIX: prefix,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      OPS_TOKEN,
      NOTIFY_RETRY_DELAYS_MS: '1000,3000,5000',
    };
    app = await startApp('enrolled-consumer', env);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await producer?.disconnect();
    await admin?.disconnect();
    await sql?.end();
  });

  it('notifies the 3 tutors of a course once each, after a kill -9 and a redelivery of the record', async () => {
    const id = uniqueName('enr');
    const { partition, offset } = await enroll(id, 'course-nestjs');
    await waitFor('3 notifications', async () => (await tutorsNotified(id)).length === 3);
    await app.kill9();

    // Redeliver for certain: once the dead member has left the group, put its offset back on
    // the record (whether or not the commit made it before the kill).
    await setOffsetOnceEmpty(admin, { groupId: notifierGroup, topic: enrolledTopic, partition, offset });
    app = await startApp('enrolled-consumer', env);
    await waitFor('the record delivered again', async () => {
      const [committed] = await admin.fetchOffsets({ groupId: notifierGroup, topics: [enrolledTopic] });
      const at = committed!.partitions.find((p) => p.partition === partition)!.offset;
      return Number(at) > Number(offset) && (await consumed(enrolledTopic)) >= 1;
    });
    expect(await tutorsNotified(id)).toEqual(['tutor-ada', 'tutor-grace', 'tutor-kamil']);
    const http = (await (await app.get(`/notifications?enrollmentId=${id}`)).json()) as unknown[];
    expect(http).toHaveLength(3);
  }, 90_000);

  it('dead-letters an enrollment in a course without tutors at once, with its reason', async () => {
    const id = uniqueName('enr');
    const { offset } = await enroll(id, 'course-draft');
    const dead = await findRecord(`${enrolledTopic}.dlq`, id);
    expect(dead.headers).toMatchObject({
      'x-dlq-reason': 'non-retryable',
      'x-dlq-error-class': 'CourseWithoutTutorsError',
      'x-dlq-error-message': 'course course-draft has no tutors to notify',
      'x-dlq-original-topic': enrolledTopic,
      'x-dlq-original-offset': offset,
      'x-dlq-attempts': '1',
    });
    expect(await tutorsNotified(id)).toEqual([]);
  });

  it('rides out a gateway outage through the retry topics, switched at runtime by the guarded ops endpoint', async () => {
    expect((await put('/ops/notification-gateway', { failureRate: 1 })).status).toBe(403);
    expect((await put('/ops/notification-gateway', { failureRate: 2 }, ops)).status).toBe(400);
    expect((await put('/ops/notification-gateway', { failureRate: 1 }, ops)).status).toBe(200);
    const id = uniqueName('enr');
    await enroll(id, 'course-typescript');
    const retried = await findRecord(`${enrolledTopic}.retry.1`, id);
    expect(retried.headers['x-retry-error-class']).toBe('GatewayUnavailableError');
    expect(await tutorsNotified(id)).toEqual([]);

    const up = await put('/ops/notification-gateway', { failureRate: 0 }, ops);
    expect(await up.json()).toEqual({ failureRate: 0 });
    await waitFor('the retried notifications', async () => (await tutorsNotified(id)).length === 2, {
      timeoutMs: 30_000,
    });
    expect(await tutorsNotified(id)).toEqual(['tutor-ada', 'tutor-linus']);
  }, 60_000);

  it('stops only the partition of a poison CDC change, says so on /health, and goes on once an operator skips it', async () => {
    const [a, b] = [uniqueName('cdc'), uniqueName('cdc')];
    // b on another partition than a, to see it flow while a's partition is stopped.
    let other = b;
    for (let i = 0; murmur2Partition(Buffer.from(other), 3) === murmur2Partition(Buffer.from(a), 3); i++)
      other = `${b}-${i}`;
    const change = (id: string, op: 'c' | 'u', status: string) => ({
      key: id,
      value: JSON.stringify({ op, enrollmentId: id, studentId: 's', courseId: 'course-kafka', status }),
    });
    await producer.send({ topic: cdcTopic, acks: -1, messages: [change(a, 'c', 'active')] });
    await waitFor('a created', async () => (await app.get(`/enrollments/${a}`)).ok);
    const [poison] = await producer.send({
      topic: cdcTopic,
      acks: -1,
      messages: [change(a, 'u', 'waitlisted'), change(a, 'u', 'completed')],
    });
    const live = await waitFor('liveness down on the stopped partition', async () => {
      const res = await app.get('/health/live');
      return res.status === 503 && JSON.stringify(await res.json());
    });
    expect(live).toContain(`"topic":"${cdcTopic}","partition":${poison!.partition}`);
    expect(live).toContain(`"offset":"${poison!.baseOffset}"`);
    // Its other partitions flow.
    await producer.send({ topic: cdcTopic, acks: -1, messages: [change(other, 'c', 'active')] });
    await waitFor('the other partition applied', async () => (await app.get(`/enrollments/${other}`)).ok);
    const row = async (id: string) =>
      (await sql.query<{ status: string }>('SELECT status FROM enrollments WHERE enrollment_id = $1', [id]))
        .rows[0]?.status;
    expect(await row(a)).toBe('active');

    const skipPath = `/kafka/operator/stopped/${prefix}enrollments-read-model/${cdcTopic}/${poison!.partition}/skip`;
    const skip = { offset: poison!.baseOffset, by: 'e2e', reason: 'waitlisted ships next release' };
    expect((await app.post(skipPath, skip)).status).toBe(403);
    expect((await app.post(skipPath, skip, ops)).status).toBe(200);
    await waitFor('the change behind the skipped one', async () => (await row(a)) === 'completed');
    await waitFor('liveness up again', async () => (await app.get('/health/live')).ok);
  });
});
