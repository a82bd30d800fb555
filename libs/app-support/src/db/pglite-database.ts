import { PGlite, type Transaction } from '@electric-sql/pglite';
import { Database, type QueryResult, type Queryable } from './database.js';

/**
 * Without parameters, the simple protocol (`exec`), as pg does: a migration may hold several
 * statements; the last one's rows are the answer. With parameters, one prepared statement.
 */
async function run<R>(
  on: PGlite | Transaction,
  sql: string,
  params: readonly unknown[],
): Promise<QueryResult<R>> {
  if (params.length > 0) return { rows: (await on.query<R>(sql, params as unknown[])).rows };
  const results = await on.exec(sql);
  return { rows: (results[results.length - 1]?.rows ?? []) as R[] };
}

/**
 * PostgreSQL compiled to WASM, in this process: the default when DATABASE_URL is unset, so the
 * apps run with nothing installed. One process only: a second process must not open the same
 * directory (see `pglite-lock.ts`); several processes share a database through a server.
 */
export class PgliteDatabase extends Database {
  readonly engine = 'pglite';

  private constructor(private readonly db: PGlite) {
    super();
  }

  /** `dataDir`: a directory (created when missing) or `memory://` for a throwaway database. */
  static async open(dataDir: string): Promise<PgliteDatabase> {
    // PostgreSQL's 128 MB default for shared buffers lives in the WASM memory, which never
    // shrinks: 16 MB took a reopened database from 293 to 177 MB RSS here.
    return new PgliteDatabase(await PGlite.create(dataDir, { postgresqlconf: ['shared_buffers = 16MB'] }));
  }

  query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    return run<R>(this.db, sql, params);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work({ query: (sql, params = []) => run(tx, sql, params) }));
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
