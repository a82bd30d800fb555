import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

// Any fixed number: every app takes the same lock, so instances starting together (two
// aggregators, or apps sharing one database) apply migrations one after the other.
const MIGRATIONS_LOCK = 7_311_004;

/**
 * Applies the `.sql` files of `dir` not applied yet, in name order (`001_...sql`, `002_...`),
 * each in its own transaction with its row in `schema_migrations`, under an advisory lock.
 * Returns the names it applied. A file that fails rolls back and stops the start with its name.
 */
export async function migrate(db: Database, app: string, dir: URL): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  // Under the lock too: two CREATE TABLE IF NOT EXISTS at once can both find no table, and the
  // second then fails on PostgreSQL's catalog ("duplicate key ... pg_type_typname_nsp_index").
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATIONS_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         app text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (app, name))`,
    );
  });
  const applied: string[] = [];
  for (const name of files) {
    const sql = await readFile(fileURLToPath(new URL(name, dir)), 'utf8');
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATIONS_LOCK]);
      const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE app = $1 AND name = $2', [
        app,
        name,
      ]);
      if (rows.length > 0) return false;
      try {
        await tx.query(sql);
      } catch (err) {
        throw new Error(`migration ${app}/${name} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx.query('INSERT INTO schema_migrations (app, name) VALUES ($1, $2)', [app, name]);
      return true;
    });
    if (done) applied.push(name);
  }
  return applied;
}
