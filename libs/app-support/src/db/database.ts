/** What a query gives back: its rows, typed by the caller. */
export interface QueryResult<R> {
  rows: R[];
}

/** Runs parameterised SQL ($1, $2, ...): a database, or one transaction of it. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

/**
 * The app's database, whichever engine is behind it. Also its Nest injection token: inject
 * `Database` in a provider of a module that imports `AppDatabaseModule`.
 */
export abstract class Database implements Queryable {
  /** `postgres` when DATABASE_URL points at a server, `pglite` when it runs in this process. */
  abstract readonly engine: 'postgres' | 'pglite';

  abstract query<R = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<R>>;

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  abstract transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;

  abstract close(): Promise<void>;
}
