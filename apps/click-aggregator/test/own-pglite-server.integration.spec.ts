// Without DATABASE_URL an app keeps its data in PGlite served by a child process of its own
// (libs/app-support's startPgliteServer), so PGlite's WASM memory is not in the app's RSS. Checked
// from outside on the built app: the counts go into that server, the server goes when the app is
// killed -9 (its stdin closes), and the next start finds the data and the stored offsets.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApps, startApp, type AppProcess } from '../../../tools/test/app-process.js';
import { kafkaBrokers, uniqueName, waitFor } from '../../../tools/test/helpers.js';

const childrenOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('click-aggregator without DATABASE_URL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'own-pglite-'));
  const prefix = `${uniqueName('own-pglite')}.`;
  const kafka = new Kafka({ brokers: kafkaBrokers(), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  let app: AppProcess | undefined;
  afterAll(async () => {
    await app?.stop();
    await producer.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const total = async (on: AppProcess) =>
    ((await (await on.get('/stats')).json()) as { total: number }).total;
  const consumed = async (on: AppProcess) =>
    [
      ...(await (await on.get('/metrics')).text()).matchAll(
        /^kafka_kit_records_consumed_total\{([^}]*)\} (\d+)/gm,
      ),
    ]
      .filter((m) => m[1]!.includes(`topic="${prefix}click_log"`))
      .reduce((sum, m) => sum + Number(m[2]), 0);
  const sendClicks = (from: number, count: number) =>
    producer.send({
      topic: `${prefix}click_log`,
      acks: -1,
      messages: Array.from({ length: count }, (_, i) => ({
        key: `user-${from + i}`,
        value: JSON.stringify({ userId: `user-${from + i}`, page: '/own-pglite', at: Date.now() }),
      })),
    });

  it('counts into a PGlite server process of its own, which a kill -9 of the app takes down, and the next start goes on from the stored data', async () => {
    buildApps();
    // An empty DATABASE_URL counts as unset (the suite's may be in the environment). The killed
    // app's member keeps its partitions for a session timeout, 45 s by the broker's default under
    // KIP-848: 6 s, as in the other kill -9 tests, so the restart does not wait out the test.
    const env = {
      KAFKA_BROKERS: kafkaBrokers().join(','),
      KAFKA_NAME_PREFIX: prefix,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      DATABASE_URL: '',
      PGLITE_DIR: join(dataDir, 'click-aggregator'),
    };
    app = await startApp('click-aggregator', env, 120_000);
    const [server, ...others] = childrenOf(app.child.pid!);
    expect(others).toEqual([]);
    expect(readFileSync(`/proc/${server}/cmdline`, 'utf8')).toContain('serve-pglite.js');

    await producer.connect();
    await sendClicks(0, 50);
    await waitFor('50 clicks counted', async () => (await total(app!)) === 50, { timeoutMs: 30_000 });

    await app.kill9();
    await waitFor('the PGlite server to stop with the app', () => !isRunning(server!), { timeoutMs: 15_000 });

    app = await startApp('click-aggregator', env, 120_000);
    expect(await total(app)).toBe(50);
    await sendClicks(50, 10);
    // The restarted app read only the 10 new records (it resumed at the stored offsets), and
    // counted them once each.
    await waitFor('the 10 new clicks handled', async () => (await consumed(app!)) === 10, {
      timeoutMs: 30_000,
    });
    expect(await total(app)).toBe(60);
  }, 300_000);
});
