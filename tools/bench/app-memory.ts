// Resident memory of the example apps under load: the click pipeline (click-collector taking
// POST /clicks from concurrent HTTP clients, click-aggregator consuming click_log) runs as it
// would in production (built, one process each) while RSS is sampled from /proc (Linux).
// Target: each app stays under 200 MB.
//   npm run bench:memory     (a broker on KAFKA_BROKERS or 127.0.0.1:9092; `npm run kafka:up`)
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { brokers } from './bench-kit.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const TARGET_MB = 200;
const COLLECTOR = 'http://127.0.0.1:3300';
const AGGREGATOR = 'http://127.0.0.1:3301';

interface RunningApp {
  name: string;
  child: ChildProcess;
  peakKb: number;
  samplesKb: number[];
}

function start(name: string, port: number): RunningApp {
  const child = spawn(process.execPath, [`apps/${name}/dist/main.js`], {
    env: { ...process.env, KAFKA_BROKERS: brokers.join(','), PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { name, child, peakKb: 0, samplesKb: [] };
}

function rssKb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0);
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const total = async () => ((await (await fetch(`${AGGREGATOR}/stats`)).json()) as { total: number }).total;

const apps = [start('click-collector', 3300), start('click-aggregator', 3301)];
try {
  for (const url of [COLLECTOR, AGGREGATOR]) {
    await until(`${url} to be ready`, async () => (await fetch(`${url}/health/ready`)).ok);
  }
  const idleKb = apps.map((a) => rssKb(a.child.pid!));
  const before = await total();
  const sampler = setInterval(() => {
    for (const app of apps) {
      const kb = rssKb(app.child.pid!);
      app.samplesKb.push(kb);
      app.peakKb = Math.max(app.peakKb, kb);
    }
  }, 250);

  let sent = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const pages = ['/', '/pricing', '/docs', '/blog', '/signup'];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (Date.now() < deadline) {
        const res = await fetch(`${COLLECTOR}/clicks`, {
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
  clearInterval(sampler);

  console.log(`\nexample apps under load (${SECONDS} s, ${CLIENTS} HTTP clients, RSS sampled every 250 ms)`);
  console.log(`  ${sent} clicks posted and counted, ${Math.round(sent / SECONDS)} clicks/s`);
  apps.forEach((app, i) => {
    const mb = (kb: number) => (kb / 1024).toFixed(1);
    const last = app.samplesKb.at(-1) ?? 0;
    const verdict = app.peakKb / 1024 < TARGET_MB ? 'under' : 'OVER';
    console.log(
      `  ${app.name.padEnd(18)} idle ${mb(idleKb[i]!)} MB, peak ${mb(app.peakKb)} MB, end ${mb(last)} MB: ${verdict} the ${TARGET_MB} MB target`,
    );
  });
  process.exitCode = apps.every((a) => a.peakKb / 1024 < TARGET_MB) ? 0 : 1;
} finally {
  for (const app of apps) app.child.kill('SIGTERM');
}
