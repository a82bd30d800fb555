// PostgreSQL for integration tests: the suite's server (tools/test/postgres-global-setup.ts) and a
// database of its own for each test file, so no two files see each other's tables.
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
