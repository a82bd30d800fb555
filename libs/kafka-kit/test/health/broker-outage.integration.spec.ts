import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootstrapServers,
  down,
  isAlive,
  killBroker,
  up,
  type ClusterState,
} from '../../embedded/cluster.mjs';
import { TEST_BROKER_PORTS } from '../../../../tools/test/broker-ports.js';
import { waitFor } from '../support.js';
import { startHealthApp, type HealthApp } from './health-app.js';

// A broker of its own on its own port and state dir: killing the suite's broker would break
// every other test.
const PORT = TEST_BROKER_PORTS.brokerOutage;
const BROKER_TIMEOUT_MS = 2000;

describe('broker check through a broker outage', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'kafka-outage-'));
  let cluster: ClusterState;
  let app: HealthApp | undefined;

  beforeAll(async () => {
    ({ cluster } = await up({ port: PORT, stateDir, heapMb: 384, log: () => {} }));
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await down({ port: PORT, stateDir, log: () => {} });
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('goes down within its timeout when the broker dies, the app keeps serving, and it recovers', async () => {
    app = await startHealthApp(
      [],
      { brokerTimeoutMs: BROKER_TIMEOUT_MS, lag: { intervalMs: 500, requestTimeoutMs: 1000 } },
      { brokers: bootstrapServers(cluster).split(',') },
    );
    const ready = await app.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.health.details.kafka_broker).toMatchObject({
      status: 'up',
      brokers: 1,
      controller: expect.any(Number),
    });

    const broker = cluster.brokers[0]!;
    killBroker(broker);
    await waitFor('the broker to die', () => !isAlive(broker.pid));
    const killedAt = Date.now();
    const outage = await waitFor(
      'the broker check to go down',
      async () => {
        const started = Date.now();
        const res = await app!.get('/health/ready');
        return res.status === 503 && { res, tookMs: Date.now() - started };
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    console.log(
      `broker killed -> /health/ready 503 after ${Date.now() - killedAt} ms; that probe took ${outage.tookMs} ms`,
    );
    // Each probe answers within the timeout (plus HTTP overhead), whatever the broker does.
    expect(outage.tookMs).toBeLessThan(BROKER_TIMEOUT_MS + 1000);
    expect(outage.res.health.details.kafka_broker).toMatchObject({
      status: 'down',
      message: expect.any(String),
    });

    // The process is fine: liveness never depends on the broker.
    const live = await app.get('/health/live');
    expect(live.status).toBe(200);

    ({ cluster } = await up({ port: PORT, stateDir, heapMb: 384, log: () => {} }));
    const back = await waitFor(
      'the broker check to recover',
      async () => {
        const res = await app!.get('/health/ready');
        return res.status === 200 && res;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(back.health.details.kafka_broker).toMatchObject({ status: 'up', brokers: 1 });
  }, 240_000);
});
