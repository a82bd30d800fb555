// The example apps the demo runs, each as its own process with its log in a file. One table, so
// adding an app (or a second instance) is one line.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

// As the apps' `npm start` runs them: a heap sized for a small container.
const NODE_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];

/** name, workspace folder, port offset from the base port. */
export const APPS = [
  { name: 'click-collector', dir: 'click-collector', port: 0 },
  // Two instances of one group split click_log's partitions (queue semantics within a group).
  { name: 'click-aggregator-1', dir: 'click-aggregator', port: 1 },
  { name: 'click-aggregator-2', dir: 'click-aggregator', port: 4 },
  // A second group on the same topic (pub/sub across groups).
  { name: 'click-archiver', dir: 'click-archiver', port: 3 },
  { name: 'enrolled-consumer', dir: 'enrolled-consumer', port: 2 },
];

/** The port offset of the shared PGlite server (npm run db:serve) when there is no DATABASE_URL. */
export const DATABASE_PORT_OFFSET = 9;

function spawnLogged(name, args, env, log) {
  const out = createWriteStream(log);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return { name, pid: child.pid, log, child, exited };
}

/**
 * One PGlite database for every app, served over PostgreSQL's protocol (the apps are several
 * processes; PGlite in one process is one connection). Resolves once it listens.
 */
export async function startSharedDatabase({ repo, port, dataDir, logDir }) {
  const log = join(logDir, 'pglite-server.log');
  const server = spawnLogged(
    'pglite-server',
    [join(repo, 'libs', 'app-support', 'dist', 'serve-pglite.js')],
    { PGLITE_DIR: dataDir, PGLITE_PORT: String(port), PGLITE_HOST: '127.0.0.1' },
    log,
  );
  await new Promise((resolve, reject) => {
    let seen = '';
    server.child.stdout.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes('serving')) resolve();
    });
    void server.exited.then((code) => reject(new Error(`the PGlite server exited (${code}); see ${log}`)));
  });
  return { ...server, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
}

/** Starts every app; each handle has its name, url, pid and log file. */
export function startApps({ repo, basePort, logDir, env }) {
  return APPS.map(({ name, dir, port }) => {
    const app = spawnLogged(
      name,
      [...NODE_FLAGS, join(repo, 'apps', dir, 'dist', 'main.js')],
      { ...env, PORT: String(basePort + port) },
      join(logDir, `${name}.log`),
    );
    return { ...app, url: `http://127.0.0.1:${basePort + port}` };
  });
}

export const isRunning = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to each app (they shut down cleanly: finish the batch, commit, leave), SIGKILL after `graceMs`. */
export async function stopApps(apps, graceMs = 15_000) {
  for (const app of apps) if (app.child.exitCode === null) app.child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const app of apps) if (isRunning(app.pid)) app.child.kill('SIGKILL');
  }, graceMs);
  await Promise.all(apps.map((a) => a.exited));
  clearTimeout(timer);
  return apps.filter((a) => isRunning(a.pid)).map((a) => `${a.name} (pid ${a.pid})`);
}
