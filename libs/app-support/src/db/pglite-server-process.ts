import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A PGlite server this process started for itself, and how to reach it. */
export interface PgliteServerProcess {
  /** A pg connection string to the server's Unix socket. */
  url: string;
  pid: number;
  /** Stops the server (it closes the database) and waits for it to exit. */
  stop(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('../serve-pglite.js', import.meta.url));

/**
 * Starts `serve-pglite.js` on `dataDir` as a child process, served on a Unix socket in a fresh
 * temporary directory (a short path, private to this process): PGlite's WASM memory (128 MB at
 * least, never given back) then lives in that process, not in the app's. The child stops when
 * this process's end of its stdin closes, so even a kill -9 of the app leaves no server behind.
 * Its errors (the directory held by another live process, say) go to this process's stderr.
 */
export async function startPgliteServer(dataDir: string): Promise<PgliteServerProcess> {
  const socketDir = mkdtempSync(join(tmpdir(), 'pglite-'));
  // pg reaches a Unix socket as <host directory>/.s.PGSQL.<port>.
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      PGLITE_DIR: dataDir,
      PGLITE_SOCKET: join(socketDir, '.s.PGSQL.5432'),
      PGLITE_STOP_WITH_STDIN: '1',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      rmSync(socketDir, { recursive: true, force: true });
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (!seen.includes('serving')) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve();
    };
    child.stdout.on('data', onData);
    void exited.then((code) =>
      reject(
        new Error(`the PGlite server for ${dataDir} exited (${code}) before serving; its reason is above`),
      ),
    );
  });
  return {
    url: `postgres://postgres@/postgres?host=${encodeURIComponent(socketDir)}`,
    pid: child.pid!,
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
