import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, KafkaProducer, Payload } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { startStandaloneDashboard, type StandaloneDashboard } from '../../src/cli/dashboard-command.js';
import { kafkaBrokers, startKafkaApp, uniqueName, waitFor } from '../support.js';
import { openBrowser, type Browser } from '../../../../tools/test/browser.js';
import { kafkaClientOptions } from '../../../../tools/test/kafka-client-options.js';
import { OPS_TOKEN, startDashboardApp, type DashboardApp } from './dashboard-app.js';

describe('retry topics and the standalone dashboard, in a real browser', () => {
  let dash: DashboardApp | undefined;
  let standalone: StandaloneDashboard | undefined;
  let consumerApp: INestApplicationContext | undefined;
  let browser: Browser | undefined;
  afterEach(async () => {
    await browser?.close();
    await standalone?.close();
    await dash?.close();
    await consumerApp?.close();
    browser = standalone = dash = consumerApp = undefined;
  });

  it('shows the records waiting in a retry topic and when the first is due', async () => {
    const topic = uniqueName('dash-mails');
    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('dash-mails-group'), fromBeginning: true })
    class Mails {
      @KafkaListener(topic, {
        topic: { partitions: 1 },
        errorHandling: { strategy: 'retry-topics', delaysMs: [120_000] },
      })
      handle(@Payload() _mail: { to: string }) {
        throw new Error('mail server down');
      }
    }
    dash = await startDashboardApp([Mails]);
    const sentAt = Date.now();
    await dash.app.get(KafkaProducer).send(topic, [{ value: { to: 'a@example.org' } }]);
    browser = await openBrowser({ 'x-ops-token': OPS_TOKEN });
    const page = await browser.context.newPage();
    await page.goto(`${dash.url}/retry`);
    const row = page.locator(`tr[data-retry="${topic}.retry.1:0"]`);
    await waitFor(
      'one record waiting with its due time',
      async () => (await row.count()) === 1 && /\(in \d+ s\)/.test((await row.textContent()) ?? '') && row,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(await row.locator('td.num').nth(1).textContent()).toBe('1');
    const due = Date.parse((await row.locator('td').nth(4).textContent())!.split(' ')[0]!);
    expect(due).toBeGreaterThanOrEqual(sentAt + 119_000);
    expect(due).toBeLessThan(Date.now() + 121_000);
  });

  it('standalone: watches another application’s group from its commits, read-only, owners named', async () => {
    const topic = uniqueName('dash-foreign');
    const groupId = uniqueName('dash-foreign-group');
    const clientId = uniqueName('billing-worker');
    let handled = 0;
    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Foreign {
      @KafkaListener(topic, { topic: { partitions: 2 } })
      handle(@Payload() _x: { n: number }) {
        handled++;
      }
    }
    consumerApp = await startKafkaApp([Foreign], { clientId });
    await consumerApp.get(KafkaProducer).send(
      topic,
      Array.from({ length: 10 }, (_, n) => ({ key: `k${n}`, value: { n } })),
    );
    await waitFor('the other app to consume', () => handled === 10);

    standalone = await startStandaloneDashboard({
      brokers: kafkaBrokers().join(','),
      groups: [groupId],
      port: 0,
      host: '127.0.0.1',
      intervalMs: 500,
      // The suite's driver: under KIP-848 only the platformatic one sees the group's members.
      driver: kafkaClientOptions().driver,
    });
    browser = await openBrowser();
    const page = await browser.context.newPage();
    await page.goto(standalone.url);
    const row = page.locator(`tr[data-group="${groupId}"]`);
    await waitFor('the group with its members and no lag', async () => {
      const cells = await row.locator('td').allTextContents();
      return cells.length === 7 && cells[3] === '0' && cells[6] === '1' && cells;
    });
    await page.goto(`${standalone.url}groups/${encodeURIComponent(groupId)}`);
    const partitions = page.locator('#partitions tbody tr');
    await waitFor('both partitions, owned by another process', async () => (await partitions.count()) === 2);
    // The owner is decoded from the group's member assignments: the other app's client id and host.
    const owners = partitions.locator('td[data-owner]');
    const named = await waitFor('both owners named by client id and host', async () => {
      const texts = (await owners.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
      return texts.length === 2 && texts.every((t) => t === `${clientId} on 127.0.0.1`) && texts;
    });
    expect(named).toHaveLength(2);
    expect(await owners.first().getAttribute('data-owner')).toBe('member');
    expect(await partitions.first().textContent()).not.toContain('another member');
    expect(await page.locator('form').count()).toBe(0);
    const post = await browser.context.request.post(`${standalone.url}actions/dlq/${topic}.dlq/replay`, {
      form: { by: 'x' },
    });
    expect(post.status()).toBe(404);
  });
});
