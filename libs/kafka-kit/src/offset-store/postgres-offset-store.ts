import type { OffsetPosition, OffsetStore } from '../interfaces/offset-store.interface.js';
import { DEFAULT_OFFSET_TABLE, offsetTableSql, type OffsetTableSql } from './postgres-offset-sql.js';

/**
 * What the store and the handler send SQL through: `pg`'s Pool, PoolClient and Client and
 * PGlite and its transactions all have this method. Neither package is imported here, so an
 * application that uses one never loads the other.
 */
export interface SqlQueryable {
  /** Runs one parameterised statement (`$1`, `$2`, ...) and resolves with its rows. */
  query(
    text: string,
    params?: unknown[],
  ): Promise<{
    /** The rows the statement returned. */
    rows: unknown[];
  }>;
}

/** A `pg` Pool: each transaction runs on a client of its own. */
export interface PgPoolLike extends SqlQueryable {
  /** Checks out a client for one transaction; the store releases it when the transaction ends. */
  connect(): Promise<
    SqlQueryable & {
      /** Returns the client to the pool (`err`: destroy it instead). */
      release(err?: Error | boolean): void;
    }
  >;
}

/** PGlite (`@electric-sql/pglite`): one connection, transactions serialised by PGlite itself. */
export interface PgliteLike extends SqlQueryable {
  /** Runs `work` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/** Options of `new PostgresOffsetStore(options)`. */
export interface PostgresOffsetStoreOptions {
  /** A `pg` Pool (not a single Client: partitions run transactions in parallel) or a PGlite. */
  database: PgPoolLike | PgliteLike;
  /** The offsets table, `name` or `schema.name`. @default 'kafka_offsets' */
  table?: string;
  /** Create the table at startup when it is missing. @default true */
  createTable?: boolean;
}

// Two instances starting at once may both try to create the table; the loser's error is harmless.
const ALREADY_CREATED = new Set(['42P07', '23505']);

const isPglite = (db: PgPoolLike | PgliteLike): db is PgliteLike =>
  typeof (db as PgliteLike).transaction === 'function';

/**
 * Offsets in one PostgreSQL table (DDL in the README): `(group_id, topic, partition) ->
 * next_offset`, saved in the handler's transaction. Works with `pg` and with PGlite.
 */
export class PostgresOffsetStore implements OffsetStore<SqlQueryable> {
  private readonly sql: OffsetTableSql;
  private readonly database: PgPoolLike | PgliteLike;
  private readonly createTable: boolean;

  constructor({ database, table = DEFAULT_OFFSET_TABLE, createTable = true }: PostgresOffsetStoreOptions) {
    this.sql = offsetTableSql(table);
    this.database = database;
    this.createTable = createTable;
  }

  async init(): Promise<void> {
    if (!this.createTable) return;
    try {
      await this.database.query(this.sql.create);
    } catch (error) {
      if (!ALREADY_CREATED.has((error as { code?: string }).code ?? '')) throw error;
    }
  }

  async load(
    groupId: string,
    topic: string,
    partitions: readonly number[],
  ): Promise<ReadonlyMap<number, string>> {
    const { rows } = await this.database.query(this.sql.load, [groupId, topic]);
    const wanted = new Set(partitions);
    const stored = new Map<number, string>();
    for (const row of rows as { partition: number; next_offset: string }[])
      if (wanted.has(row.partition)) stored.set(row.partition, row.next_offset);
    return stored;
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const db = this.database;
    if (isPglite(db)) return db.transaction(work);
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      // A client whose ROLLBACK fails is in an unknown state: release(err) closes it.
      const broken = await client.query('ROLLBACK').then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      client.release(broken ?? undefined);
      throw error;
    }
  }

  async save(tx: SqlQueryable, { groupId, topic, partition, from, next }: OffsetPosition): Promise<boolean> {
    const { rows } = await tx.query(this.sql.save, [groupId, topic, partition, next, from]);
    return rows.length === 1;
  }
}
