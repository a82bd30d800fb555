// `npm run db:serve`: one PGlite database served over PostgreSQL's wire protocol, so several
// processes (two aggregator instances, the demo's apps) share it through DATABASE_URL. PGlite
// itself is one connection; pglite-socket's server multiplexes clients onto it and runs each
// transaction alone (other clients' queries wait until it ends), so transactions stay atomic.
//   PGLITE_DIR   the data directory (default .data/shared)
//   PGLITE_PORT  the port (default 5433), on PGLITE_HOST (default 127.0.0.1)
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { resolve } from 'node:path';
import { lockPgliteDir } from './db/pglite-lock.js';

const dataDir = process.env.PGLITE_DIR ?? resolve('.data', 'shared');
const port = Number(process.env.PGLITE_PORT ?? 5433);
const host = process.env.PGLITE_HOST ?? '127.0.0.1';

const release = lockPgliteDir(dataDir);
// As in pglite-database.ts: PostgreSQL's 128 MB shared buffers would sit in WASM memory for good.
const db = await PGlite.create(dataDir, { postgresqlconf: ['shared_buffers = 16MB'] });
const server = new PGLiteSocketServer({ db, port, host, maxConnections: 64 });
await server.start();
console.log(`PGlite (${dataDir}) serving: DATABASE_URL=postgres://postgres@${host}:${port}/postgres`);

async function stop(): Promise<void> {
  await server.stop();
  await db.close();
  release();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
