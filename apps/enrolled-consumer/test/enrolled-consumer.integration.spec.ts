// The example app as its team would test it: the whole AppModule on the real broker, records
// produced with the app's own KafkaProducer, outcomes read over HTTP and from the DLQ.
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DlqService, KafkaProducer, RETRY_HEADERS } from 'nest-kafka-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from '../../../tools/test/browser.js';
import { kafkaBrokers, uniqueName, waitFor } from '../../../tools/test/helpers.js';
import { freshDatabase } from '../../../tools/test/postgres.js';
import { AppModule } from '../src/app.module.js';
import { GatewayUnavailableError } from '../src/notifications/gateway-unavailable.error.js';
import { MailGateway, type TutorNotification } from '../src/notifications/mail-gateway.js';

/** A mail service that is down for the first send of the enrollments it is told about. */
class FlakyMailGateway extends MailGateway {
  readonly downOnce = new Set<string>();

  override async send(notifications: readonly TutorNotification[]): Promise<void> {
    const down = notifications.findIndex((n) => this.downOnce.delete(n.enrollmentId));
    if (down < 0) return super.send(notifications);
    await super.send(notifications.slice(0, down));
    throw new GatewayUnavailableError(notifications[down]!.tutorId, down);
  }
}

describe('enrolled-consumer', () => {
  const OPS_TOKEN = uniqueName('ops-token');
  let mail: FlakyMailGateway;
  let app: INestApplication;
  let url: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${url}${path}`, { headers });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    process.env.KAFKA_BROKERS = kafkaBrokers().join(',');
    process.env.OPS_TOKEN = OPS_TOKEN;
    process.env.DATABASE_URL = await freshDatabase('enrolled');
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
      .overrideProvider(MailGateway)
      .useClass(FlakyMailGateway)
      .compile();
    mail = moduleRef.get(MailGateway);
    app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app?.close());

  it('notifies tutors, retries a mail outage off the main path, and dead-letters the incident record at once', async () => {
    const id = uniqueName('enr');
    const enrolled = (n: string, courseId: string) => ({
      key: `${id}-${n}`,
      value: { enrollmentId: `${id}-${n}`, studentId: `student-${n}`, courseId, enrolledAt: Date.now() },
    });
    mail.downOnce.add(`${id}-2`);
    await app
      .get(KafkaProducer)
      .send('rt.enrolled', [
        enrolled('1', 'course-typescript'),
        enrolled('2', 'course-kafka'),
        enrolled('3', 'course-draft'),
        { key: `${id}-4`, value: { enrollmentId: `${id}-4`, courseId: 'course-kafka' } },
        enrolled('5', 'course-kafka'),
      ]);

    const mine = async () =>
      ((await (await get('/notifications')).json()) as TutorNotification[]).filter((n) =>
        n.enrollmentId.startsWith(id),
      );
    const notified = await waitFor('both retried and first-try notifications', async () => {
      const n = await mine();
      return n.length === 4 && n;
    });
    expect(notified.map((n) => `${n.enrollmentId.slice(id.length + 1)}:${n.tutorId}`).sort()).toEqual([
      '1:tutor-ada',
      '1:tutor-linus',
      '2:tutor-jay',
      '5:tutor-jay',
    ]);

    // The course without tutors and the invalid record are in the DLQ with their reasons; the
    // outage went through rt.enrolled.retry.1 instead (never the DLQ).
    const dead = await waitFor('the two dead letters', async () => {
      const records = (await app.get(DlqService).peek('rt.enrolled.dlq')).filter((r) =>
        r.key?.startsWith(id),
      );
      return records.length === 2 && records;
    });
    expect(dead.map((r) => [r.key, r.failure.reason, r.failure.errorClass]).sort()).toEqual([
      [`${id}-3`, 'non-retryable', 'CourseWithoutTutorsError'],
      [`${id}-4`, 'validation', 'PayloadValidationError'],
    ]);
    expect(dead.find((r) => r.key === `${id}-3`)!.failure.errorMessage).toBe(
      'course course-draft has no tutors to notify',
    );
    const retried = await app.get(DlqService).peek('rt.enrolled.retry.1');
    expect(retried.filter((r) => r.key?.startsWith(id)).map((r) => r.headers[RETRY_HEADERS.attempt])).toEqual(
      ['1'],
    );

    const metrics = await (await get('/metrics')).text();
    expect(metrics).toMatch(/kafka_kit_dead_lettered_total\{[^}]*topic="rt\.enrolled"[^}]*\} [1-9]/);
  });

  it('stops the read model at a change it cannot apply, says so on /health, and resumes when an operator skips it', async () => {
    const id = uniqueName('cdc');
    const producer = app.get(KafkaProducer);
    const change = (op: 'c' | 'u', status: string) => ({
      key: id,
      value: { op, enrollmentId: id, studentId: 'student-1', courseId: 'course-kafka', status },
    });
    const [created] = await producer.send('cdc.enrollments', [change('c', 'active')]);
    await waitFor('the created row', async () => (await get(`/enrollments/${id}`)).ok);

    // A status this code does not know yet, then a change behind it on the same key (partition).
    const [poison] = await producer.send('cdc.enrollments', [
      change('u', 'waitlisted'),
      change('u', 'completed'),
    ]);
    const live = await waitFor('liveness down', async () => {
      const res = await get('/health/live');
      return res.status === 503 && res.json();
    });
    expect(JSON.stringify(live)).toContain(`"topic":"cdc.enrollments","partition":${poison!.partition}`);
    expect(JSON.stringify(live)).toContain(`"offset":"${poison!.offset}"`);
    expect(((await (await get(`/enrollments/${id}`)).json()) as { status: string }).status).toBe('active');
    expect(created!.partition).toBe(poison!.partition);

    // Operator endpoints: closed without the token, open with it.
    expect((await get('/kafka/operator/stopped')).status).toBe(403);
    const skipPath = `/kafka/operator/stopped/enrollments-read-model/cdc.enrollments/${poison!.partition}/skip`;
    const skip = { offset: poison!.offset, by: 'alice', reason: 'waitlisted ships next release' };
    expect((await post(skipPath, skip)).status).toBe(403);
    const stopped = (await (await get('/kafka/operator/stopped', { 'x-ops-token': OPS_TOKEN })).json()) as {
      offset: string;
    }[];
    expect(stopped.map((s) => s.offset)).toContain(poison!.offset);
    expect((await post(skipPath, skip, { 'x-ops-token': OPS_TOKEN })).status).toBe(200);

    await waitFor('the change behind the skipped one', async () => {
      const row = (await (await get(`/enrollments/${id}`)).json()) as { status: string };
      return row.status === 'completed';
    });
    await waitFor('liveness up again', async () => (await get('/health/live')).ok);
  });

  describe('its dashboard, in Chromium', () => {
    let browser: Browser;
    let dashboard: string;
    beforeAll(async () => {
      dashboard = `${url}/kafka/dashboard`;
      browser = await openBrowser({}, { username: 'ops', password: OPS_TOKEN });
    });
    afterAll(() => browser?.close());

    it('asks a browser without the token to sign in, and never shows the token', async () => {
      const res = await fetch(`${dashboard}/`);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect((await fetch(`${dashboard}/`, { headers: { 'x-ops-token': OPS_TOKEN } })).status).toBe(200);

      const page = await browser.context.newPage();
      await page.goto(`${dashboard}/`);
      for (const group of ['enrolled-notifier', 'enrollments-read-model'])
        await page.locator(`tr[data-group="${group}"]`).waitFor({ timeout: 20_000 });
      expect(await page.content()).not.toContain(OPS_TOKEN);
      await page.close();
    });

    it('shows the read model stopped at a change it cannot apply; the operator skips it from the page', async () => {
      const id = uniqueName('cdc');
      const [poison] = await app.get(KafkaProducer).send('cdc.enrollments', [
        {
          key: id,
          value: {
            op: 'u',
            enrollmentId: id,
            studentId: 's',
            courseId: 'course-kafka',
            status: 'waitlisted',
          },
        },
      ]);
      const page = await browser.context.newPage();
      await page.goto(`${dashboard}/groups/enrollments-read-model`);
      const stopped = page.locator(`tr[data-stopped="cdc.enrollments:${poison!.partition}"]`);
      await stopped.waitFor({ timeout: 15_000 });
      expect(await stopped.locator('td').nth(2).textContent()).toBe(poison!.offset);
      await stopped.locator('form:has([data-action="skip"]) input[name="by"]').fill('alice');
      await stopped.locator('input[name="reason"]').fill('waitlisted ships next release');
      await stopped.locator('[data-action="skip"]').click();
      await page.locator('#stopped-none').waitFor({ timeout: 10_000 });
      await waitFor('liveness up again', async () => (await get('/health/live')).ok);
      await page.close();
    });
  });
});
