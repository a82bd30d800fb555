import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, KafkaProducer, Payload } from 'nest-kafka-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endOffsets } from '../kafka-inspect.js';
import { uniqueName, waitFor } from '../support.js';
import { openBrowser, type Browser } from '../../../../tools/test/browser.js';
import { OPS_TOKEN, startDashboardApp, type DashboardApp } from './dashboard-app.js';

const topic = uniqueName('dash-signups');
const dlqTopic = `${topic}.dlq`;
const SCRIPT = '<script>alert(1)</script>';

@Injectable()
@KafkaConsumer({ groupId: uniqueName('dash-signups-group'), fromBeginning: true })
class Signups {
  @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling: { strategy: 'dead-letter' } })
  handle(@Payload() _signup: { email: string }) {}
}

describe('the dashboard’s DLQ views in a real browser', () => {
  let dash: DashboardApp;
  let operator: Browser;

  beforeAll(async () => {
    dash = await startDashboardApp([Signups]);
    operator = await openBrowser({ 'x-ops-token': OPS_TOKEN });
  });
  afterAll(async () => {
    await operator?.close();
    await dash?.close();
  });

  const endOffset = async (t: string) => [...(await endOffsets(t)).values()].join(',');

  it('shows a dead-lettered <script> value as text, never as markup', async () => {
    // Not JSON: the listener's decoder fails it, and the dead-letter strategy writes it to the DLQ.
    await dash.app.get(KafkaProducer).send(topic, [{ key: 'k1', value: Buffer.from(SCRIPT) }]);
    const page = await operator.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${dash.url}/dlq`);
    await page.locator(`tr[data-dlq="${dlqTopic}"]`).waitFor({ timeout: 20_000 });
    await waitFor('the DLQ count to show the record', async () => {
      return (await page.locator(`tr[data-dlq="${dlqTopic}"] td.num`).nth(1).textContent()) === '1';
    });

    await page.goto(`${dash.url}/dlq/${encodeURIComponent(dlqTopic)}`);
    const record = page.locator('section[data-record="0@0"]');
    await record.waitFor();
    expect(await record.locator('pre.value').textContent()).toBe(SCRIPT);
    expect(await record.textContent()).toContain('deserialization');
    expect(await page.locator('script', { hasText: 'alert(1)' }).count()).toBe(0);
    await page.goto(`${dash.url}/dlq/${encodeURIComponent(dlqTopic)}?format=hex`);
    expect(await page.locator('section[data-record="0@0"] pre.value').textContent()).toContain(
      '3c 73 63 72 69 70 74 3e',
    );
    expect(dialogs).toEqual([]);
    expect(await page.content()).not.toContain(OPS_TOKEN);
    await page.close();
  });

  it('answers 404 with the reason for a DLQ topic the cluster does not have', async () => {
    const missing = `${dlqTopic}-typo`;
    const response = await operator.context.request.get(`${dash.url}/dlq/${encodeURIComponent(missing)}`);
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain(`topic ${missing} does not exist`);
  });

  it('lists what a dry-run replay would send, and sends nothing', async () => {
    const before = await endOffset(topic);
    const page = await operator.context.newPage();
    await page.goto(`${dash.url}/dlq/${encodeURIComponent(dlqTopic)}`);
    await page.locator('#replay input[name="by"]').fill('alice');
    expect(await page.locator('#replay input[name="dryRun"]').isChecked()).toBe(true);
    await page.locator('[data-action="replay"]').click();
    const summary = page.locator('#replay-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-dry-run')).toBe('true');
    expect(await summary.textContent()).toMatch(/1 records would be sent.*Nothing was sent/);
    expect(await page.locator('li[data-replayed="0@0"]').textContent()).toContain(`-> ${topic}[0]`);
    expect(await endOffset(topic)).toBe(before);
    await page.close();
  });
});
