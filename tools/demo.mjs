#!/usr/bin/env node
// `npm run demo`: the click-log pipeline end to end on one machine. Builds the library and the
// apps, gets a real broker (KAFKA_BROKERS, one on 127.0.0.1:9092, or starts one), runs
// click-collector (HTTP -> click_log) and click-aggregator (click_log -> counts), sends clicks
// through HTTP and shows what the aggregator counted and what its health endpoints say.
// `--once` stops everything afterwards (the test suite runs it so); otherwise Ctrl+C does.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const once = process.argv.includes('--once');
const collectorPort = Number(process.env.DEMO_COLLECTOR_PORT ?? 3000);
const aggregatorPort = Number(process.env.DEMO_AGGREGATOR_PORT ?? 3001);
const CLICKS = 30;
// As the apps' `npm start` runs them: a heap sized for a small container, so V8 collects before
// RSS grows (see `npm run bench:memory`).
const APP_NODE_FLAGS = ['--max-old-space-size=128'];

const say = (line) => console.log(`[demo] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, probe, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

say('building the library and the apps');
const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: repo, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const { startEmbeddedKafka } = await import('nest-kafka-kit/testing');
const kafka = await startEmbeddedKafka({ log: (line) => say(line) });
const brokers = kafka.brokers.join(',');
say(`${kafka.started ? 'started' : 'using'} Kafka at ${brokers}`);

const apps = [
  { name: 'click-collector', port: collectorPort },
  { name: 'click-aggregator', port: aggregatorPort },
].map(({ name, port }) => {
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, join(repo, 'apps', name, 'dist', 'main.js')], {
    env: { ...process.env, KAFKA_BROKERS: brokers, PORT: String(port) },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { name, port, child };
});

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const { child } of apps) child.kill('SIGTERM');
  await Promise.all(
    apps.map(({ child }) => (child.exitCode !== null ? null : new Promise((r) => child.once('exit', r)))),
  );
  await kafka.stop();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
for (const { name, child } of apps) {
  child.once('exit', (code) => {
    if (!stopping) {
      console.error(`[demo] ${name} exited (${code}); stopping`);
      void stop(1);
    }
  });
}

try {
  for (const { name, port } of apps) {
    await until(`${name} to be ready`, async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok);
    say(`${name} ready on http://127.0.0.1:${port}`);
  }
  const collector = `http://127.0.0.1:${collectorPort}`;
  const aggregator = `http://127.0.0.1:${aggregatorPort}`;
  const pages = ['/', '/pricing', '/docs', '/blog', '/signup'];
  const before = (await (await fetch(`${aggregator}/stats`)).json()).total;
  for (let i = 0; i < CLICKS; i++) {
    const res = await fetch(`${collector}/clicks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: `user-${i % 7}`, page: pages[i % pages.length] }),
    });
    if (res.status !== 202) throw new Error(`POST /clicks answered ${res.status}: ${await res.text()}`);
  }
  say(`sent ${CLICKS} clicks to POST ${collector}/clicks (keyed by userId, acks=all)`);
  const bad = await fetch(`${collector}/clicks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ page: '/' }),
  });
  say(`a click without userId is refused at the door: HTTP ${bad.status}`);

  const stats = await until('the aggregator to count every click', async () => {
    const s = await (await fetch(`${aggregator}/stats`)).json();
    return s.total - before >= CLICKS && s;
  });
  say(`GET ${aggregator}/stats -> ${JSON.stringify(stats)}`);
  say(`counted ${stats.total - before} clicks`);
  const health = await (await fetch(`${aggregator}/health`)).json();
  say(`GET ${aggregator}/health -> status ${health.status}`);
  if (once) await stop(0);
  say(
    `running: try curl -X POST ${collector}/clicks -H 'content-type: application/json' -d '{"userId":"u1","page":"/"}'`,
  );
  say(`and ${aggregator}/stats, ${aggregator}/health, ${aggregator}/metrics. Ctrl+C stops everything.`);
} catch (err) {
  console.error(`[demo] ${err.message}`);
  await stop(1);
}
