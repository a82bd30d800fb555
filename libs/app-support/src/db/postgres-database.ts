import { Logger } from '@nestjs/common';
import pg from 'pg';
import { Database, type QueryResult, type Queryable } from './database.js';

// int8 (count(*), sums, bigint columns) as a JS number, as PGlite gives it: the apps' counters
// stay far below 2^53. Per pool, not pg's global parser table.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? Number
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** A script of several statements (no parameters) answers with one result each: the last counts. */
async function run<R>(
  on: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly unknown[],
): Promise<QueryResult<R>> {
  const result = (await on.query(sql, params as unknown[])) as pg.QueryResult | pg.QueryResult[];
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: (last?.rows ?? []) as R[] };
}

/** A PostgreSQL server, through a pg connection pool. */
export class PostgresDatabase extends Database {
  readonly engine = 'postgres';
  private readonly pool: pg.Pool;
  private pgliteServer?: Promise<boolean>;

  constructor(connectionString: string, max = 5) {
    super();
    this.pool = new pg.Pool({ connectionString, max, types });
    // An idle client losing its server is reported here (without a listener the process would
    // crash); the pool replaces it, and the next query fails loudly if the server is still gone.
    this.pool.on('error', (err) => new Logger('Database').warn(`idle connection lost: ${err.message}`));
  }

  async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
    if (await this.servedByPglite()) return this.transaction((tx) => tx.query<R>(sql, params));
    return run<R>(this.pool, sql, params);
  }

  /**
   * Whether the server is PGlite behind pglite-socket (`npm run db:serve`). Its multiplexer runs
   * a transaction alone, but interleaves other clients' protocol messages, so one client's
   * unnamed prepared statement can be replaced by another's between Parse and Execute: there,
   * every query runs in a transaction of its own.
   */
  private servedByPglite(): Promise<boolean> {
    this.pgliteServer ??= this.pool
      .query<{ version: string }>('SELECT version()')
      .then(({ rows }) => rows[0]!.version.includes('PGlite'))
      .catch((err: unknown) => {
        this.pgliteServer = undefined;
        throw err;
      });
    return this.pgliteServer;
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({ query: (sql, params = []) => run(client, sql, params) });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
