// The example apps the demo runs, each as its own process with its log in a file. One table, so
// adding an app (or a second instance) is one line.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';

// As the apps' `npm start` runs them: a heap sized for a small container.
const NODE_FLAGS = ['--max-old-space-size=128'];

/** name, workspace folder, port offset from the base port. */
export const APPS = [
  { name: 'click-collector', dir: 'click-collector', port: 0 },
  { name: 'click-aggregator', dir: 'click-aggregator', port: 1 },
  { name: 'enrolled-consumer', dir: 'enrolled-consumer', port: 2 },
];

/** Starts every app; each handle has its name, url, pid and log file. */
export function startApps({ repo, basePort, logDir, env }) {
  return APPS.map(({ name, dir, port }) => {
    const log = join(logDir, `${name}.log`);
    const out = createWriteStream(log);
    const child = spawn(process.execPath, [...NODE_FLAGS, join(repo, 'apps', dir, 'dist', 'main.js')], {
      env: { ...process.env, ...env, PORT: String(basePort + port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    return { name, url: `http://127.0.0.1:${basePort + port}`, pid: child.pid, log, child, exited };
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
