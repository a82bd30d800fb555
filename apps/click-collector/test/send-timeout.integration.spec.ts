// POST /clicks against a broker that stalls: the collector as a process, on a broker of its own
// that the test freezes with SIGSTOP (its sockets stay open, nothing answers, as in a GC pause or
// a hung host). The request must end in 503 with Retry-After within SEND_TIMEOUT_MS, not hang for
// kafkajs' retries, and clicks must be accepted again once the broker runs on.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapServers, down, up, type ClusterState } from '../../../libs/kafka-kit/embedded/cluster.mjs';
import { buildApps, startApp, type AppProcess } from '../../../tools/test/app-process.js';
import { TEST_BROKER_PORTS } from '../../../tools/test/broker-ports.js';
import { uniqueName, waitFor } from '../../../tools/test/helpers.js';

const PORT = TEST_BROKER_PORTS.stalledCollectorBroker;
const SEND_TIMEOUT_MS = 1500;
const RETRY_AFTER_SECONDS = 2;
/** HTTP, validation and the event loop on a busy 2-core machine: well below kafkajs' 30 s. */
const MARGIN_MS = 3000;

describe('click-collector when the broker stalls', () => {
  // Its own broker and state dir: freezing the suite's broker would stall every other test.
  const stateDir = mkdtempSync(join(tmpdir(), 'kafka-stalled-collector-'));
  let cluster: ClusterState | undefined;
  let collector: AppProcess | undefined;
  let brokerPid: number | undefined;

  beforeAll(async () => {
    buildApps();
    ({ cluster } = await up({ port: PORT, stateDir, heapMb: 384, controllerPortOffset: 50, log: () => {} }));
    brokerPid = cluster.brokers[0]!.pid;
    collector = await startApp('click-collector', {
      KAFKA_BROKERS: bootstrapServers(cluster),
      KAFKA_NAME_PREFIX: `${uniqueName('stall')}.`,
      SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS),
      RETRY_AFTER_SECONDS: String(RETRY_AFTER_SECONDS),
    });
  }, 180_000);

  afterAll(async () => {
    // A stopped JVM ignores SIGTERM until it runs again: resume it whatever the test did.
    if (brokerPid !== undefined) process.kill(brokerPid, 'SIGCONT');
    await collector?.stop();
    await down({ port: PORT, stateDir, log: () => {} });
    rmSync(stateDir, { recursive: true, force: true });
  }, 60_000);

  /**
   * Every thread of `pid` stopped. kill() returns once SIGSTOP is sent, not once the JVM's threads
   * have stopped: a POST right after it was once acknowledged 20 ms later.
   */
  const frozen = (pid: number) =>
    readdirSync(`/proc/${pid}/task`).every((task) => {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      return /^[tT]$/.test(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]!);
    });

  const postClick = async (page: string) => {
    const started = Date.now();
    const res = await collector!.post('/clicks', { userId: 'user-1', page });
    return { res, body: await res.text(), elapsedMs: Date.now() - started };
  };

  it('answers 503 with Retry-After within SEND_TIMEOUT_MS while the broker is frozen, and 202 once it runs again', async () => {
    const before = await postClick('/before');
    expect(before.res.status, before.body).toBe(202);

    process.kill(brokerPid!, 'SIGSTOP');
    await waitFor('every thread of the broker stopped', () => frozen(brokerPid!), { intervalMs: 5 });
    const stalled = await postClick('/stalled');
    console.log(`broker SIGSTOPped -> POST /clicks ${stalled.res.status} after ${stalled.elapsedMs} ms`);
    expect(stalled.res.status, stalled.body).toBe(503);
    expect(stalled.res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(JSON.parse(stalled.body)).toMatchObject({
      statusCode: 503,
      message: expect.stringContaining(`no acknowledgement within ${SEND_TIMEOUT_MS} ms`),
    });
    // It waited for the acknowledgement (not a 503 from a send that failed at once) and no longer.
    expect(stalled.elapsedMs).toBeGreaterThanOrEqual(SEND_TIMEOUT_MS);
    expect(stalled.elapsedMs).toBeLessThan(SEND_TIMEOUT_MS + MARGIN_MS);

    process.kill(brokerPid!, 'SIGCONT');
    const resumedAt = Date.now();
    const after = await waitFor(
      'POST /clicks to be accepted again after SIGCONT',
      async () => {
        const attempt = await postClick('/after');
        return attempt.res.status === 202 && attempt;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    console.log(`broker SIGCONTed -> POST /clicks 202 again after ${Date.now() - resumedAt} ms`);
    expect(JSON.parse(after.body)).toMatchObject({ topic: expect.stringContaining('click_log') });
  });
});
