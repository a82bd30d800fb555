#!/usr/bin/env node
// `npm run demo`: the lag incident, end to end, on one machine. Gets a broker as the tests do,
// builds, starts every example app (logs to files), sends traffic with poison, shows a live view
// (a terminal screen, or a status line every few seconds), reenacts the incident on a timeline and
// ends with the proof: sent = counted, DLQ = poison due, lost = 0. `--duration N` or Ctrl-C stops
// everything; no process is left behind.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_PORT_OFFSET, isRunning, startApps, startSharedDatabase, stopApps } from './apps.mjs';
import { runIncident } from './incident.mjs';
import { demoOptions } from './options.mjs';
import { probeAll } from './probe.mjs';
import { countedByApps, settle, since, summaryLines } from './summary.mjs';
import { createView, ratesBetween } from './view.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (line) => console.log(`[demo] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const options = demoOptions();
const tty = Boolean(process.stdout.isTTY && process.stdin.isTTY);

if (options.build) {
  say('building the library and the apps (npm run build)');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) {
    console.error(build.stdout + build.stderr);
    process.exit(build.status ?? 1);
  }
}

const { startEmbeddedKafka } = await import('nest-kafka-kit/testing');
const kafka = await startEmbeddedKafka({ log: say });
const brokers = kafka.brokers.join(',');
say(`${kafka.started ? 'started' : 'using'} Kafka at ${brokers}`);

const logDir = mkdtempSync(join(tmpdir(), 'nest-kafka-kit-demo-'));
const opsToken = randomBytes(12).toString('hex');
// Topics and groups of this run only (the apps' and the traffic's KAFKA_NAME_PREFIX): a broker that
// served earlier runs keeps their records and offsets, an aborted run's unskipped poison CDC change
// among them, and none of it may reach this run's counts.
const prefix = `${process.env.KAFKA_NAME_PREFIX ?? ''}demo-${randomBytes(3).toString('hex')}.`;
say(`topics and consumer groups of this run: ${prefix}*`);
// A fresh PGlite database per run (no DATABASE_URL): every count starts from zero.
const database = process.env.DATABASE_URL
  ? undefined
  : await startSharedDatabase({
      repo,
      port: options.basePort + DATABASE_PORT_OFFSET,
      dataDir: join(logDir, 'pglite'),
      logDir,
    });
say(
  database
    ? `storage: PGlite (no DATABASE_URL) served to every app at ${database.url} (pid ${database.pid}), log: ${database.log}`
    : 'storage: PostgreSQL at DATABASE_URL',
);
const apps = startApps({
  repo,
  basePort: options.basePort,
  logDir,
  env: {
    KAFKA_BROKERS: brokers,
    KAFKA_NAME_PREFIX: prefix,
    OPS_TOKEN: opsToken,
    ...(database && { DATABASE_URL: database.url }),
  },
});
for (const app of apps) say(`${app.name} (pid ${app.pid}) on ${app.url}, log: ${app.log}`);
const enrolled = apps.find((a) => a.name === 'enrolled-consumer');
const dashboardUrl = `${enrolled.url}/kafka/dashboard (any user, password ${opsToken})`;

let stopping;
let traffic;
let exitCode = 0;

/** Stops the apps, then the database they drained into, then Kafka; says what is left alive. */
async function stopAll() {
  const started = database ? [...apps, database] : apps;
  const left = await stopApps(apps);
  if (database) left.push(...(await stopApps([database])));
  await kafka.stop();
  const alive = new Set([
    ...left,
    ...started.filter((a) => isRunning(a.pid)).map((a) => `${a.name} (pid ${a.pid})`),
  ]);
  if (alive.size > 0) {
    console.error(`[demo] still running: ${[...alive].join(', ')}`);
    exitCode ||= 1;
  } else
    say(
      `stopped: ${started.map((a) => `${a.name} (pid ${a.pid})`).join(', ')} exited${kafka.started ? ', Kafka stopped' : ''}`,
    );
}

async function shutdown(reason) {
  stopping ??= (async () => {
    if (reason) say(reason);
    await traffic?.stop().catch(() => {});
    await stopAll();
    process.exit(exitCode);
  })();
  return stopping;
}
// The first Ctrl-C ends the run as --duration does (drain, summary, stop); a second stops at once.
let endNow;
const ended = new Promise((resolve) => (endNow = resolve));
let interrupted = false;
const interrupt = () => {
  if (interrupted || !traffic) return void shutdown('stopping everything now');
  interrupted = true;
  say('Ctrl-C: finishing the run (Ctrl-C again stops at once)');
  endNow();
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', () => void shutdown('SIGTERM: stopping everything'));
process.on('SIGHUP', () => void shutdown('terminal closed: stopping everything'));
// A bug in the demo itself still stops what it started.
process.on('uncaughtException', (err) => {
  console.error(`[demo] ${err.stack}`);
  exitCode = 1;
  void shutdown();
});
for (const app of apps) {
  void app.exited.then((code) => {
    if (stopping) return;
    exitCode = 1;
    void shutdown(`${app.name} exited (${code}); see ${app.log}`);
  });
}

async function until(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

try {
  for (const app of apps) {
    await until(`${app.name} to be ready`, async () => (await fetch(`${app.url}/health/ready`)).ok, 90_000);
  }
  say(`all ${apps.length} apps ready; dashboard: ${dashboardUrl}`);
  const probe = () => probeAll(apps, prefix);
  // What a database given by DATABASE_URL held before this run: the proof counts this run's share.
  const before = await countedByApps(apps, probe);

  const { startTraffic } = await import('traffic/src/traffic.mjs');
  traffic = await startTraffic({
    brokers: kafka.brokers,
    collectorUrl: apps.find((a) => a.name === 'click-collector').url,
    rate: options.rate,
    poison: options.poison,
    cdcPoison: false, // the incident sends its own, on the timeline
    prefix,
  });
  const startedAt = Date.now();
  const elapsedS = () => (Date.now() - startedAt) / 1000;
  say(
    `traffic: ${options.rate} events/s, ${options.poison * 100}% poison, ${options.duration === Infinity ? 'until Ctrl-C' : `${options.duration} s`}`,
  );

  const view = createView(tty);
  const timeline = [];
  let snapshot = await probe();
  let rates = new Map();
  let hint;
  const latest = () => snapshot;
  const event = (text) => {
    const e = { atS: elapsedS(), text };
    timeline.push(e);
    view.event(e);
  };
  const { ledger } = traffic;
  let live = true;
  const render = () =>
    view.show({
      snapshot,
      rates,
      timeline,
      ledger,
      elapsedS: elapsedS(),
      dashboardUrl,
      logs: apps.map((a) => a.log),
      hint,
    });
  const refresh = setInterval(async () => {
    const next = await probe().catch(() => snapshot);
    rates = ratesBetween(snapshot, next);
    snapshot = next;
    if (live) render();
  }, 1000);

  // On a terminal the operator skips with a key; elsewhere the demo does after a few seconds.
  let onKey = () => {};
  if (tty) {
    process.stdin.setRawMode(true);
    process.stdin.on('data', (key) => {
      if (key[0] === 3 || key.toString() === 'q') interrupt();
      else onKey(key.toString());
    });
  }
  const skipSignal = () =>
    tty
      ? new Promise((resolve) => {
          hint = 'press s to skip the stopped CDC record (the operator API), Ctrl-C stops everything';
          onKey = (k) => k === 's' && resolve((hint = undefined));
        })
      : sleep(6000);
  // The end of the run skips too: the demo never leaves a partition stopped.
  const skipOrEnd = () => Promise.race([skipSignal(), ended]);

  const incident = sleep(5000).then(() =>
    runIncident({
      traffic,
      enrolled,
      opsToken,
      prefix,
      latest,
      say: event,
      skipSignal: skipOrEnd,
      outageMs: 4000,
    }),
  );
  if (options.duration !== Infinity) setTimeout(endNow, options.duration * 1000);
  await ended;
  await incident;
  await traffic.stop();
  event('traffic stopped; waiting for retries and consumers to drain');
  const result = await settle(ledger, async () => since(before, await countedByApps(apps, probe)), 90_000);
  clearInterval(refresh);
  render();
  live = false;
  view.done();
  const lines = summaryLines(result, ledger);
  for (const line of lines.slice(0, -1)) console.log(line);
  exitCode = result.ok ? 0 : 1;
  traffic = undefined;
  stopping = Promise.resolve(); // the apps' exits from here on are the demo's own doing
  await stopAll();
  console.log(`[demo] ${lines.at(-1)}`);
  process.exit(exitCode);
} catch (err) {
  console.error(`[demo] ${err.message}`);
  exitCode = 1;
  await shutdown();
}
