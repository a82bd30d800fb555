/**
 * Where one partition's progress is saved: inside the transaction that applied the records from
 * `from` up to (not including) `next`.
 */
export interface OffsetPosition {
  /** The consumer group (a retry consumer saves under its own group id). */
  groupId: string;
  /** The topic. */
  topic: string;
  /** The partition. */
  partition: number;
  /** The first offset this transaction covers (the record, or a batch's first record). */
  from: string;
  /** The next offset to read: the last covered record's offset + 1. */
  next: string;
}

/**
 * Offsets kept in the application's database, beside its data (Kafka's "storing offsets outside
 * Kafka"): a listener with `offsetStore` runs its handler inside `transaction()` and saves the
 * record's offset in the same transaction, and on each assignment the consumer starts every
 * partition at the offset `load()` returns. `Tx` is what the handler writes its data through
 * (`ctx.transaction()`). PostgresOffsetStore implements it for `pg` and PGlite.
 */
export interface OffsetStore<Tx = unknown> {
  /** Prepares the store (creates its table when missing); called once before the group joins. */
  init?(): Promise<void>;
  /**
   * The stored next offsets of `partitions` of `topic` for `groupId`; a partition without one is
   * left out (the consumer then starts at Kafka's committed offset, as without a store).
   */
  load(groupId: string, topic: string, partitions: readonly number[]): Promise<ReadonlyMap<number, string>>;
  /** Runs `work` in one database transaction: commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Saves `position.next` as the partition's offset, inside `tx`, unless the stored offset is
   * already past `position.from` (another consumer applied these records since): then it saves
   * nothing and resolves false, and the library rolls the transaction back.
   */
  save(tx: Tx, position: OffsetPosition): Promise<boolean>;
}
