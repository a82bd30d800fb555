// Resident memory of the example apps under load, each run as in production (built, one process
// each, with the heap flag of their `npm start`) while RSS is sampled from /proc (Linux):
//   1. the click pipeline: click-collector takes POST /clicks from concurrent HTTP clients,
//      click-aggregator and click-archiver (two groups) consume click_log into their database;
//   2. enrolled-consumer: rt.enrolled produced at full speed, 1% of it the incident's record
//      (a course without tutors), which goes to the DLQ.
// The apps' database: DATABASE_URL when set, else one PGlite served by `db:serve`
// (libs/app-support/dist/serve-pglite.js) in a fresh directory, its RSS shown apart; with
// BENCH_PGLITE=per-app, each app's default without DATABASE_URL: a PGlite directory of its own,
// served by a child process the app starts (its RSS shown apart too). Target: each app stays
// under 200 MB.
//   BENCH_SECONDS (60), BENCH_CLIENTS (32), BENCH_ENROLLED_RATE (records/s, 500), BENCH_PORT (3300)
//   npm run bench:memory     (a broker on KAFKA_BROKERS or 127.0.0.1:9092; `npm run kafka:up`)
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokers, kafka } from './bench-kit.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const TARGET_MB = 200;
// As apps/*/package.json `start`. Without a cap, V8 on a large machine lets old space fill with
// per-request garbage before collecting: the collector peaked at 196-203 MB here, 131-134 MB with it.
// The young generation is capped too: on Node 24 with the platformatic driver the collector peaked
// at 206-210 MB with V8's default semi-spaces, 166 MB with 8 MB ones. BENCH_NODE_FLAGS='' measures
// the uncapped apps.
const APP_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=128 --max-semi-space-size=8')
  .split(' ')
  .filter(Boolean);

interface RunningApp {
  name: string;
  url: string;
  child: ChildProcess;
  idleKb: number;
  peakKb: number;
  lastKb: number;
  /** The peak RSS of the app's own child processes (its PGlite server, per app). */
  childrenPeakKb: number;
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

/** The summed RSS of `pid`'s child processes. */
function childrenRssKb(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return children ? children.split(' ').reduce((kb, child) => kb + rssKb(Number(child)), 0) : 0;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
// Topics and groups of this run only: a bench sharing the broker with other runs (or apps) must
// not share their consumer groups, or partitions and counts would be split with them.
const PREFIX = `bench-${process.pid}-${Date.now().toString(36)}.`;
// BENCH_PORT (default 3300): the collector's port; the other apps take the next ones.
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const ENROLLED_RATE = Number(process.env.BENCH_ENROLLED_RATE ?? 500);

/** DATABASE_URL, each app's own PGlite (per-app), or a PGlite server of this run (stopped when the bench ends). */
async function database(): Promise<{ url?: string; name: string; server?: ChildProcess }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, name: 'PostgreSQL (DATABASE_URL)' };
  if (process.env.BENCH_PGLITE === 'per-app')
    return { name: "each app's own PGlite (the default: a server process the app starts)" };
  const port = PORT + 9;
  const server = spawn(process.execPath, ['libs/app-support/dist/serve-pglite.js'], {
    env: { ...process.env, PGLITE_DIR: join(dataDir, 'pglite'), PGLITE_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => server.kill('SIGKILL'));
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket.end() !== undefined));
      socket.once('error', () => resolve(false));
    });
  await until('the PGlite server', listening);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, name: 'PGlite served by db:serve', server };
}
const db = await database();

async function start(name: string, port: number): Promise<RunningApp> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_BROKERS: brokers.join(','),
    PORT: String(port),
    KAFKA_NAME_PREFIX: PREFIX,
  };
  if (db.url) env.DATABASE_URL = db.url;
  else env.PGLITE_DIR = join(dataDir, name);
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, `apps/${name}/dist/main.js`], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await until(`${name} to be ready`, async () => (await fetch(`${url}/health/ready`)).ok);
  const idleKb = rssKb(child.pid!);
  return { name, url, child, idleKb, peakKb: idleKb, lastKb: idleKb, childrenPeakKb: 0 };
}

/** Runs `load` with the apps up, sampling their RSS every 250 ms; prints and judges the peaks. */
async function measure(
  title: string,
  apps: [string, number][],
  load: (apps: RunningApp[]) => Promise<string>,
): Promise<boolean> {
  const running: RunningApp[] = [];
  try {
    for (const [name, port] of apps) running.push(await start(name, port));
    const sampler = setInterval(() => {
      for (const app of running) {
        app.lastKb = rssKb(app.child.pid!);
        app.peakKb = Math.max(app.peakKb, app.lastKb);
        app.childrenPeakKb = Math.max(app.childrenPeakKb, childrenRssKb(app.child.pid!));
      }
    }, 250);
    const done = await load(running).finally(() => clearInterval(sampler));
    const flags = APP_NODE_FLAGS.join(' ') || 'no flags';
    console.log(
      `\n${title} (${SECONDS} s of load, node ${flags}, ${db.name}, RSS sampled every 250 ms)\n  ${done}`,
    );
    const mb = (kb: number) => (kb / 1024).toFixed(1);
    for (const app of running) {
      const verdict = app.peakKb / 1024 < TARGET_MB ? 'under' : 'OVER';
      console.log(
        `  ${app.name.padEnd(18)} idle ${mb(app.idleKb)} MB, peak ${mb(app.peakKb)} MB, end ${mb(app.lastKb)} MB: ${verdict} the ${TARGET_MB} MB target` +
          (app.childrenPeakKb > 0
            ? ` (its PGlite server: peak ${mb(app.childrenPeakKb)} MB, not the app)`
            : ''),
      );
    }
    if (db.server) console.log(`  (the PGlite server: ${mb(rssKb(db.server.pid!))} MB, not an app)`);
    return running.every((a) => a.peakKb / 1024 < TARGET_MB);
  } finally {
    for (const app of running) app.child.kill('SIGTERM');
    await Promise.all(running.map((a) => a.child.exitCode ?? new Promise((r) => a.child.once('exit', r))));
  }
}

async function clickLoad([collector, aggregator, archiver]: RunningApp[]): Promise<string> {
  const total = async () =>
    ((await (await fetch(`${aggregator!.url}/stats`)).json()) as { total: number }).total;
  const archived = async () =>
    ((await (await fetch(`${archiver!.url}/archive`)).json()) as { clicks: number }).clicks;
  const before = await total();
  const archivedBefore = await archived();
  let sent = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const pages = ['/', '/pricing', '/docs', '/blog', '/signup'];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (Date.now() < deadline) {
        const res = await fetch(`${collector!.url}/clicks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: `user-${client}-${sent % 500}`, page: pages[sent % pages.length] }),
        });
        if (res.status !== 202) throw new Error(`POST /clicks answered ${res.status}`);
        sent++;
      }
    }),
  );
  await until('the aggregator to count every click', async () => (await total()) - before >= sent);
  await until('the archiver to hold every click', async () => (await archived()) - archivedBefore >= sent);
  return `${sent} clicks from ${CLIENTS} HTTP clients posted, counted and archived, ${Math.round(sent / SECONDS)} clicks/s`;
}

async function enrolledLoad([consumer]: RunningApp[]): Promise<string> {
  // Handled plus dead-lettered records of rt.enrolled, from the app's own metrics.
  const accounted = async () => {
    const text = await (await fetch(`${consumer!.url}/metrics`)).text();
    const sum = (metric: string) =>
      [
        ...text.matchAll(
          new RegExp(
            `^${metric}\\{[^}]*topic="${PREFIX.replace(/\./g, '\\.')}rt\\.enrolled"[^}]*\\} (\\d+)`,
            'gm',
          ),
        ),
      ]
        .map((m) => Number(m[1]))
        .reduce((a, b) => a + b, 0);
    return sum('kafka_kit_records_consumed_total') + sum('kafka_kit_dead_lettered_total');
  };
  const before = await accounted();
  const producer = kafka.producer();
  await producer.connect();
  let sent = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const started = Date.now();
  while (Date.now() < deadline) {
    // At ENROLLED_RATE: a steady load the consumer keeps up with, not a backlog to drain.
    const ahead = sent - ((Date.now() - started) / 1000) * ENROLLED_RATE;
    if (ahead > 0) await new Promise((r) => setTimeout(r, (ahead / ENROLLED_RATE) * 1000));
    const messages = Array.from({ length: 100 }, () => {
      const n = sent++;
      const courseId = n % 100 === 0 ? 'course-draft' : 'course-typescript';
      const value = {
        enrollmentId: `bench-${n}`,
        studentId: `student-${n % 5000}`,
        courseId,
        enrolledAt: Date.now(),
      };
      return { key: value.enrollmentId, value: JSON.stringify(value) };
    });
    await producer.send({ topic: `${PREFIX}rt.enrolled`, acks: -1, messages });
  }
  await producer.disconnect();
  await until(
    'the consumer to handle or dead-letter every record',
    async () => (await accounted()) - before >= sent,
  );
  return `${sent} rt.enrolled records (1% to the DLQ) produced and accounted for, ${Math.round(sent / SECONDS)} records/s`;
}

const clicksOk = await measure(
  'click pipeline under HTTP load',
  [
    ['click-collector', PORT],
    ['click-aggregator', PORT + 1],
    ['click-archiver', PORT + 3],
  ],
  clickLoad,
);
const enrolledOk = await measure(
  'enrolled-consumer under load',
  [['enrolled-consumer', PORT + 2]],
  enrolledLoad,
);
process.exitCode = clicksOk && enrolledOk ? 0 : 1;
