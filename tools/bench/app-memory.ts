// Resident memory of the example apps under load, each run as in production (built, one process
// each, with the heap flag of their `npm start`) while RSS is sampled from /proc (Linux):
//   1. the click pipeline: click-collector takes POST /clicks from concurrent HTTP clients,
//      click-aggregator consumes click_log;
//   2. enrolled-consumer: rt.enrolled produced at full speed, 1% of it the incident's record
//      (a course without tutors), which goes to the DLQ.
// Target: each app stays under 200 MB.
//   npm run bench:memory     (a broker on KAFKA_BROKERS or 127.0.0.1:9092; `npm run kafka:up`)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { brokers, kafka } from './bench-kit.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const TARGET_MB = 200;
// As apps/*/package.json `start`. Without a cap, V8 on a large machine lets old space fill with
// per-request garbage before collecting: the collector peaked at 196-203 MB here, 131-134 MB with it.
// BENCH_NODE_FLAGS='' measures the uncapped apps.
const APP_NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-old-space-size=128')
  .split(' ')
  .filter(Boolean);

interface RunningApp {
  name: string;
  url: string;
  child: ChildProcess;
  idleKb: number;
  peakKb: number;
  lastKb: number;
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function start(name: string, port: number): Promise<RunningApp> {
  const child = spawn(process.execPath, [...APP_NODE_FLAGS, `apps/${name}/dist/main.js`], {
    env: { ...process.env, KAFKA_BROKERS: brokers.join(','), PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await until(`${name} to be ready`, async () => (await fetch(`${url}/health/ready`)).ok);
  const idleKb = rssKb(child.pid!);
  return { name, url, child, idleKb, peakKb: idleKb, lastKb: idleKb };
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
      }
    }, 250);
    const done = await load(running).finally(() => clearInterval(sampler));
    const flags = APP_NODE_FLAGS.join(' ') || 'no flags';
    console.log(`\n${title} (${SECONDS} s of load, node ${flags}, RSS sampled every 250 ms)\n  ${done}`);
    const mb = (kb: number) => (kb / 1024).toFixed(1);
    for (const app of running) {
      const verdict = app.peakKb / 1024 < TARGET_MB ? 'under' : 'OVER';
      console.log(
        `  ${app.name.padEnd(18)} idle ${mb(app.idleKb)} MB, peak ${mb(app.peakKb)} MB, end ${mb(app.lastKb)} MB: ${verdict} the ${TARGET_MB} MB target`,
      );
    }
    return running.every((a) => a.peakKb / 1024 < TARGET_MB);
  } finally {
    for (const app of running) app.child.kill('SIGTERM');
    await Promise.all(running.map((a) => a.child.exitCode ?? new Promise((r) => a.child.once('exit', r))));
  }
}

async function clickLoad([collector, aggregator]: RunningApp[]): Promise<string> {
  const total = async () =>
    ((await (await fetch(`${aggregator!.url}/stats`)).json()) as { total: number }).total;
  const before = await total();
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
  return `${sent} clicks from ${CLIENTS} HTTP clients posted and counted, ${Math.round(sent / SECONDS)} clicks/s`;
}

async function enrolledLoad([consumer]: RunningApp[]): Promise<string> {
  // Handled plus dead-lettered records of rt.enrolled, from the app's own metrics.
  const accounted = async () => {
    const text = await (await fetch(`${consumer!.url}/metrics`)).text();
    const sum = (metric: string) =>
      [...text.matchAll(new RegExp(`^${metric}\\{[^}]*topic="rt\\.enrolled"[^}]*\\} (\\d+)`, 'gm'))]
        .map((m) => Number(m[1]))
        .reduce((a, b) => a + b, 0);
    return sum('kafka_kit_records_consumed_total') + sum('kafka_kit_dead_lettered_total');
  };
  const before = await accounted();
  const producer = kafka.producer();
  await producer.connect();
  let sent = 0;
  const deadline = Date.now() + SECONDS * 1000;
  while (Date.now() < deadline) {
    const messages = Array.from({ length: 500 }, () => {
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
    await producer.send({ topic: 'rt.enrolled', acks: -1, messages });
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
    ['click-collector', 3300],
    ['click-aggregator', 3301],
  ],
  clickLoad,
);
const enrolledOk = await measure('enrolled-consumer under load', [['enrolled-consumer', 3302]], enrolledLoad);
process.exitCode = clicksOk && enrolledOk ? 0 : 1;
