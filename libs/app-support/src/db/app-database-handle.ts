import type { Database, QueryResult, Queryable } from './database.js';

/**
 * The process's database before it is open: what a decorator option built at import time (a
 * listener's `offsetStore`) holds, while Nest opens the database later, asynchronously.
 * AppDatabaseModule attaches it once open (before any consumer starts); a call before that fails
 * with the reason instead of hanging.
 */
export class AppDatabaseHandle implements Queryable {
  private db?: Database;

  attach(db: Database): void {
    this.db = db;
  }

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.open().query<R>(sql, params);
  }

  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.open().transaction(work);
  }

  private open(): Database {
    if (!this.db) throw new Error('the app database is not open yet: import AppDatabaseModule.forRoot()');
    return this.db;
  }
}

/** This process's database (one app per process), for what cannot inject `Database`. */
export const appDatabase = new AppDatabaseHandle();
