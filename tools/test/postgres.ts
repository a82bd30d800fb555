// PostgreSQL for integration tests: the suite's server (tools/test/postgres-global-setup.ts) and a
// database of its own for each test file, so no two files see each other's tables.
import { PGlite } from '@electric-sql/pglite';
import type { PgliteLike, PgPoolLike } from 'nest-kafka-kit';
import pg from 'pg';
import { inject } from 'vitest';
import { uniqueName } from './helpers.js';

/** The suite's server: DATABASE_URL when set, else the throwaway cluster the global setup started. */
export function postgresUrl(): string {
  return inject('postgresUrl');
}

/** `url` with its database name replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Creates an empty database with a unique name on the suite's server and returns its URL. Call it
 * once per test file (in `beforeAll`); the throwaway cluster goes away with the suite.
 */
export async function freshDatabase(prefix = 'test'): Promise<string> {
  const name = uniqueName(prefix)
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: postgresUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(postgresUrl(), name);
}

/** A database a test runs against, opened fresh, and how to close it. */
export interface TestDatabase<Db> {
  db: Db;
  close(): Promise<void>;
}

/**
 * The two databases code that takes a `pg` Pool or a PGlite is tested against, for
 * `describe.each(testDatabases())`: a fresh database on the suite's real PostgreSQL server
 * (through a `pg.Pool`), and an in-memory PGlite. Typed by what both offer: `query(text, params)`.
 */
export function testDatabases(): [string, () => Promise<TestDatabase<PgPoolLike | PgliteLike>>][] {
  return [
    [
      'PostgreSQL through pg',
      async () => {
        const pool = new pg.Pool({ connectionString: await freshDatabase(), max: 4 });
        return { db: pool, close: () => pool.end() };
      },
    ],
    [
      'PGlite',
      async () => {
        const lite = new PGlite();
        return { db: lite, close: () => lite.close() };
      },
    ],
  ];
}
