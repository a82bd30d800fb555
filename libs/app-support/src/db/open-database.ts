import { resolve } from 'node:path';
import type { Database } from './database.js';
import { lockPgliteDir } from './pglite-lock.js';
import { PgliteDatabase } from './pglite-database.js';
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
 * DATABASE_URL set: that PostgreSQL server. Unset: PGlite in this process, in PGLITE_DIR
 * (default `.data/<app>`), so `npm run demo` needs no database installed.
 */
export async function openDatabase(app: string, env: DatabaseEnv = process.env): Promise<Database> {
  if (env.DATABASE_URL) return new PostgresDatabase(env.DATABASE_URL, Number(env.DATABASE_POOL_SIZE ?? 5));
  const dataDir = env.PGLITE_DIR ?? resolve('.data', app);
  if (dataDir.startsWith('memory://')) return PgliteDatabase.open(dataDir);
  const release = lockPgliteDir(dataDir);
  try {
    const db = await PgliteDatabase.open(dataDir);
    const close = db.close.bind(db);
    db.close = async () => {
      await close();
      release();
    };
    return db;
  } catch (err) {
    release();
    throw err;
  }
}
