import { resolve } from 'node:path';
import type { Database } from './database.js';
import { PgliteDatabase } from './pglite-database.js';
import { startPgliteServer } from './pglite-server-process.js';
import { PostgresDatabase } from './postgres-database.js';

/** Where an app's data lives, from its environment. */
export interface DatabaseEnv {
  /** A PostgreSQL connection string; when set, PGlite is not used. */
  DATABASE_URL?: string;
  /** PGlite's directory, or `memory://`. Default: `.data/<app>` under the working directory. */
  PGLITE_DIR?: string;
  /** pg pool size per process. Default: 5. */
  DATABASE_POOL_SIZE?: string;
}

/**
 * DATABASE_URL set: that PostgreSQL server. Unset: PGlite in PGLITE_DIR (default `.data/<app>`),
 * so `npm run demo` needs no database installed, served by a child process of the app's own
 * (`startPgliteServer`): in the app's process PGlite's WASM memory alone would take it past the
 * apps' 200 MB (see README, Memory). `memory://` is a throwaway PGlite in this process (tests).
 */
export async function openDatabase(app: string, env: DatabaseEnv = process.env): Promise<Database> {
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 5);
  if (env.DATABASE_URL) return new PostgresDatabase(env.DATABASE_URL, poolSize);
  const dataDir = env.PGLITE_DIR ?? resolve('.data', app);
  if (dataDir.startsWith('memory://')) return PgliteDatabase.open(dataDir);
  const server = await startPgliteServer(dataDir);
  const db = new PostgresDatabase(server.url, poolSize);
  const close = db.close.bind(db);
  db.close = async () => {
    await close();
    await server.stop();
  };
  return db;
}
