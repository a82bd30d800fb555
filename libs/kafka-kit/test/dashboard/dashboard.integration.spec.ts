import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { KafkaConsumer, KafkaListener, KafkaProducer, LagSampler, Payload } from 'nest-kafka-kit';
import { KafkaConnection } from '../../src/client/kafka-connection.js';
import { FailureTopicsWatcher } from '../../src/dashboard/failure-topics.watcher.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../support.js';
import { launchChromium, openBrowser, type Browser } from '../../../../tools/test/browser.js';
import { OPS_TOKEN, startDashboardApp, type DashboardApp } from './dashboard-app.js';

const topic = uniqueName('dash-orders');
const groupId = uniqueName('dash-orders-group');
const mode = { slowMs: 15 };
let handled = 0;

@Injectable()
@KafkaConsumer({ groupId, fromBeginning: true, maxBytesPerPartition: 4096 })
class Orders {
  @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling: { strategy: 'stop' } })
  async handle(@Payload() order: { n: number; poison?: boolean }) {
    if (order.poison) throw new Error('order <b>#poison</b> has no customer');
    if (mode.slowMs > 0) await new Promise((r) => setTimeout(r, mode.slowMs)); // a slow handler's "work"
    handled++;
  }
}

// DASHBOARD_SCREENSHOTS=docs/images writes the README's pictures, taken with a partition stopped.
async function screenshots(groupPage: Page): Promise<void> {
  const dir = process.env.DASHBOARD_SCREENSHOTS;
  if (!dir) return;
  await groupPage.screenshot({ path: join(dir, 'dashboard-partitions.png'), fullPage: true });
  const overview = await groupPage.context().newPage();
  await overview.goto(groupPage.url().replace(/\/groups\/.*$/, '/'));
  await overview.locator(`tr[data-group="${groupId}"] .badge-ERR`).waitFor({ timeout: 10_000 });
  await overview.screenshot({ path: join(dir, 'dashboard-overview.png'), fullPage: true });
  await overview.close();
}

describe('the dashboard in a real browser, on a real broker', () => {
  let dash: DashboardApp;
  let operator: Browser;
  let stranger: Browser;
  let produced = 0;

  beforeAll(async () => {
    dash = await startDashboardApp([Orders]);
    operator = await openBrowser({ 'x-ops-token': OPS_TOKEN });
    stranger = await openBrowser();
  });
  afterAll(async () => {
    await operator?.close();
    await stranger?.close();
    await dash?.close();
  });

  const send = (records: { n: number; poison?: boolean }[]) =>
    dash.app.get(KafkaProducer).send(
      topic,
      records.map((value) => ({ value })),
    );

  it('lists the groups on the overview, live', async () => {
    const page = await operator.context.newPage();
    await page.goto(`${dash.url}/`);
    const row = page.locator(`tr[data-group="${groupId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await waitFor(
      'a verdict on the overview',
      async () => (await row.locator('.badge').textContent()) === 'OK',
      {
        timeoutMs: 15_000,
      },
    );
    await page.close();
  });

  it('draws a rising lag chart while production outruns a slowed handler', async () => {
    const page = await operator.context.newPage();
    await page.goto(`${dash.url}/groups/${encodeURIComponent(groupId)}`);
    let producing = true;
    const loop = (async () => {
      while (producing) await send(Array.from({ length: 20 }, () => ({ n: produced++ })));
    })();
    const lagSeries = () =>
      page.evaluate(() => {
        const chart = (
          globalThis as unknown as {
            kafkaDashboard: { charts: Record<string, { plot: { data: (number | null)[][] } }> };
          }
        ).kafkaDashboard.charts.lag;
        return (chart?.plot.data[1] ?? []).filter((v): v is number => v !== null);
      });
    try {
      const rising = await waitFor(
        'the lag chart to rise over three samples',
        async () => {
          const lags = (await lagSeries()).slice(-3);
          return lags.length === 3 && lags[0]! < lags[1]! && lags[1]! < lags[2]! && lags;
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
      expect(rising[2]).toBeGreaterThan(rising[0]!);
      expect(await page.locator('[data-chart="lag"] canvas').count()).toBe(1);
    } finally {
      producing = false;
      await loop;
    }
    mode.slowMs = 0;
    await waitFor('the backlog to drain', () => handled === produced, { timeoutMs: 60_000, intervalMs: 100 });
    await page.close();
  });

  it('shows a stopped partition within 5 s; skip is refused without the guard, and resumes with it', async () => {
    const page = await operator.context.newPage();
    await page.goto(`${dash.url}/groups/${encodeURIComponent(groupId)}`);
    await send([{ n: -1, poison: true }]);
    const sentAt = Date.now();
    const stopped = page.locator(`tr[data-stopped="${topic}:0"]`);
    await stopped.waitFor({ timeout: 5000 });
    const appearedAfterMs = Date.now() - sentAt;
    expect(appearedAfterMs).toBeLessThan(5000);
    console.log(`[dashboard] stopped partition shown ${appearedAfterMs} ms after the poison record was sent`);
    expect(await stopped.locator('td.error').textContent()).toBe(
      'Error: order <b>#poison</b> has no customer',
    );
    expect(await stopped.getAttribute('data-kind')).toBe('stop-on-error');
    await screenshots(page);

    // Without the guard's token: neither the page nor the action answers.
    const skipUrl = `${dash.url}/actions/groups/${encodeURIComponent(groupId)}/stopped/${topic}/0/skip`;
    const strangerPage = await stranger.context.newPage();
    expect((await strangerPage.goto(`${dash.url}/groups/${encodeURIComponent(groupId)}`))!.status()).toBe(
      403,
    );
    const offset = await stopped.locator('td').nth(2).textContent();
    const form = { offset: offset!, by: 'mallory', reason: 'because' };
    expect((await stranger.context.request.post(skipUrl, { form })).status()).toBe(403);
    // With the token but without the page's CSRF token: refused too.
    expect((await operator.context.request.post(skipUrl, { form })).status()).toBe(403);
    await strangerPage.close();
    expect(await stopped.count()).toBe(1);

    // The operator skips from the page.
    await stopped.locator('form:has([data-action="skip"]) input[name="by"]').fill('alice');
    await stopped.locator('input[name="reason"]').fill('poison order, refunded by hand');
    await stopped.locator('[data-action="skip"]').click();
    await page.locator('#stopped-none').waitFor({ timeout: 10_000 });
    await send([{ n: produced++ }]);
    await waitFor('the record after the skipped one to be handled', () => handled === produced, {
      timeoutMs: 15_000,
    });

    await page.goto(`${dash.url}/`);
    const badge = page.locator(`tr[data-group="${groupId}"] .badge`);
    await waitFor('the verdict to return to OK', async () => (await badge.textContent()) === 'OK', {
      timeoutMs: 20_000,
      intervalMs: 200,
    });
    await page.close();
  });

  it('costs the broker nothing per viewer: ten live pages, the same requests per lag sample; DLQs looked at only while watched', async () => {
    const connection = dash.app.get(KafkaConnection);
    const sampler = dash.app.get(LagSampler);
    const watcher = dash.app.get(FailureTopicsWatcher);
    // Every admin call is charged to the lag sample or the failure-topics look that made it (the
    // async context carries the charge), so the counts do not depend on where a time window ends.
    interface Charge {
      calls: number;
    }
    const chargedTo = new AsyncLocalStorage<Charge>();
    let samples: Charge[] = [];
    let looks: Charge[] = [];
    let uncharged = 0;
    let readers = 0;
    const charging = <T>(list: () => Charge[], run: () => Promise<T>) => {
      const charge = { calls: 0 };
      list().push(charge);
      return chargedTo.run(charge, run);
    };
    const sample = sampler.sample.bind(sampler);
    sampler.sample = () => charging(() => samples, sample);
    const look = watcher.look.bind(watcher);
    watcher.look = (lag) =>
      charging(
        () => looks,
        () => look(lag),
      );
    const admin = connection.admin() as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['describeGroups', 'committedOffsets', 'topicOffsets', 'listTopics']) {
      const original = admin[method]!.bind(admin);
      admin[method] = (...args: unknown[]) => {
        const charge = chargedTo.getStore();
        if (charge) charge.calls++;
        else uncharged++;
        return original(...args);
      };
    }
    const createReader = connection.createReader.bind(connection);
    connection.createReader = (id: string) => (readers++, createReader(id));

    // The admin calls of each of the next `count` lag samples and failure-topic looks (a call to
    // sample() or look() that joins one in flight charges nothing, so zero counts are dropped).
    const during = async (count: number) => {
      samples = [];
      looks = [];
      uncharged = 0;
      readers = 0;
      const startedAt = Date.now();
      await waitFor(`${count} lag samples`, () => samples.filter((c) => c.calls > 0).length > count);
      const finished = (list: Charge[]) =>
        list
          .filter((c) => c.calls > 0)
          .slice(0, count)
          .map((c) => c.calls);
      // A look's own calls depend on how many DLQ topics the cluster has (other test files make
      // them), so looks are compared by how many there were, not by what each cost.
      return {
        samples: finished(samples),
        looks: looks.filter((c) => c.calls > 0).length,
        uncharged,
        readers,
        elapsedMs: Date.now() - startedAt,
      };
    };

    const alone = await during(6);
    expect(alone.samples).toHaveLength(6);
    expect(new Set(alone.samples).size).toBe(1);
    // Nobody has a DLQ or retry page open: the failure topics are not looked at.
    expect(alone.looks).toBe(0);
    // Ten viewers, each a browser profile of its own, as ten people on call would be.
    const chromium = await launchChromium();
    const contexts = await Promise.all(
      Array.from({ length: 10 }, () =>
        chromium.newContext({ extraHTTPHeaders: { 'x-ops-token': OPS_TOKEN } }),
      ),
    );
    const tabs = await Promise.all(contexts.map((c) => c.newPage()));
    await Promise.all(tabs.map((t) => t.goto(`${dash.url}/groups/${encodeURIComponent(groupId)}`)));
    const updates = () =>
      Promise.all(
        tabs.map((t) =>
          t.evaluate(() =>
            Number(
              (globalThis as unknown as { document: { body: { dataset: { updates?: string } } } }).document
                .body.dataset.updates ?? 0,
            ),
          ),
        ),
      );
    await waitFor('every tab to get live updates', async () => (await updates()).every((n) => n >= 1));
    const before = await updates();
    const withTabs = await during(6);
    const after = await updates();
    console.log(
      `[dashboard] admin calls per lag sample, failure-topic looks: no tab ${JSON.stringify(alone)}, ten viewers ${JSON.stringify(withTabs)}; pushes per viewer ${after.map((n, i) => n - before[i]!).join(',')}`,
    );
    expect(after.every((n, i) => n - before[i]! >= 3)).toBe(true);
    expect(withTabs.samples).toEqual(alone.samples);
    expect(withTabs.looks).toBe(0);
    expect(withTabs.uncharged).toBe(0);
    expect(withTabs.readers).toBe(0);

    // Ten viewers of the DLQ list: one look per interval (1 s here) for all of them.
    await Promise.all(tabs.map((t) => t.goto(`${dash.url}/dlq`)));
    await waitFor('every DLQ tab to get live updates', async () => (await updates()).every((n) => n >= 1));
    const onDlqs = await during(6);
    console.log(`[dashboard] ten viewers of the DLQ list ${JSON.stringify(onDlqs)}`);
    expect(onDlqs.samples).toEqual(alone.samples);
    expect(onDlqs.looks).toBeGreaterThan(0);
    expect(onDlqs.looks).toBeLessThanOrEqual(Math.ceil(onDlqs.elapsedMs / 1000) + 1);
    expect(onDlqs.uncharged).toBe(0);

    // Once the DLQ pages are closed, the looks stop.
    await Promise.all(tabs.map((t) => t.close()));
    await during(2); // the server sees the streams close a moment after the tabs do
    const closed = await during(3);
    expect(closed.looks).toBe(0);
    await chromium.close();
    // Ten browser profiles on a two-core CI machine take their time to start.
  }, 150_000);
});
