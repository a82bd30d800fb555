// `npm run db:serve`: one PGlite database served over PostgreSQL's wire protocol, so several
// processes (two aggregator instances, the demo's apps) share it through DATABASE_URL. PGlite
// itself is one connection; pglite-socket's server multiplexes clients onto it and runs each
// transaction alone (other clients' queries wait until it ends), so transactions stay atomic.
// Also what an app without DATABASE_URL starts for itself (db/pglite-server-process.ts).
//   PGLITE_DIR     the data directory (default .data/shared)
//   PGLITE_PORT    the port (default 5433), on PGLITE_HOST (default 127.0.0.1)
//   PGLITE_SOCKET  a Unix socket path to serve on instead of a port
//   PGLITE_STOP_WITH_STDIN=1  stop when stdin closes: the parent that started it has exited
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockPgliteDir } from './db/pglite-lock.js';

const dataDir = process.env.PGLITE_DIR ?? resolve('.data', 'shared');
const port = Number(process.env.PGLITE_PORT ?? 5433);
const host = process.env.PGLITE_HOST ?? '127.0.0.1';
const socket = process.env.PGLITE_SOCKET;

// As in pglite-database.ts: PostgreSQL's 128 MB shared buffers would sit in WASM memory for good.
const options = { postgresqlconf: ['shared_buffers = 16MB'] };
// A new database is created (PGlite runs initdb in a second WASM instance, whose memory stays
// mapped after it closes) by a process of its own that exits, under this one's lock: serving it
// took 662 MB RSS right after creating it in the same process, about 150 MB opening it.
if (process.env.PGLITE_CREATE_ONLY === '1') {
  await (await PGlite.create(dataDir, options)).close();
  process.exit(0);
}
const release = lockPgliteDir(dataDir);
if (!existsSync(join(dataDir, 'PG_VERSION'))) {
  const created = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, PGLITE_CREATE_ONLY: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (created.status !== 0) {
    release();
    throw new Error(
      `creating the PGlite database in ${dataDir} failed (exit ${created.status ?? created.signal})`,
    );
  }
}
const db = await PGlite.create(dataDir, options);
const server = new PGLiteSocketServer({
  db,
  ...(socket ? { path: socket } : { port, host }),
  maxConnections: 64,
});
await server.start();
console.log(
  `PGlite (${dataDir}) serving: ${socket ? `on ${socket}` : `DATABASE_URL=postgres://postgres@${host}:${port}/postgres`}`,
);

let stopping: Promise<void> | undefined;
function stop(): Promise<void> {
  stopping ??= (async () => {
    await server.stop();
    await db.close();
    release();
    process.exit(0);
  })();
  return stopping;
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
if (process.env.PGLITE_STOP_WITH_STDIN === '1') process.stdin.once('end', () => void stop()).resume();
