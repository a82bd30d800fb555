// The example apps as processes, as they run in production (built, `node dist/main.js`, the heap
// flag of their `npm start`), so a test can kill one -9 and check them only from outside.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from './helpers.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** Everything the app printed so far. */
  output(): string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** SIGKILL: no shutdown hook runs, nothing is committed or left. Resolves once it is gone. */
  kill9(): Promise<void>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Builds the library, app-support and every app (incremental: quick when nothing changed). */
export function buildApps(): void {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: repo, stdio: 'inherit' });
}

/** A loopback port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

/** Starts `apps/<name>/dist/main.js` with `env` on a free port; resolves once /health/ready is up. */
export async function startApp(
  name: string,
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<AppProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=128', '--max-semi-space-size=8', join(repo, 'apps', name, 'dist', 'main.js')],
    {
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const app: AppProcess = {
    name,
    url,
    child,
    output: () => output,
    get: (path, headers = {}) => fetch(`${url}${path}`, { headers }),
    post: (path, body, headers = {}) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
  try {
    await waitFor(
      `${name} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output}`);
        return (await app.get('/health/ready')).ok;
      },
      { timeoutMs: readyTimeoutMs, intervalMs: 200 },
    );
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${String(err)}\n--- ${name} output ---\n${output}`);
  }
  return app;
}
