import type { KafkaContext } from './kafka-context.js';

/** `@Ctx()` of a batch listener: the batch's partition and one KafkaContext per record. */
export class KafkaBatchContext {
  constructor(
    /** The batch's topic. */
    readonly topic: string,
    /** The batch's partition (a batch never spans partitions). */
    readonly partition: number,
    /** One context per record, in offset order, matching the payload array. */
    readonly records: readonly KafkaContext[],
  ) {}

  private tx?: unknown;

  /**
   * The open transaction of the listener's `offsetStore`: one per batch, in which the library
   * saves the offset after the batch's last record when the handler returns. Throws when the
   * listener has no offset store.
   */
  transaction<Tx = unknown>(): Tx {
    return (this.tx ?? this.records[0]!.transaction()) as Tx;
  }

  /** Set by the library before the handler runs; not for handlers. */
  bindTransaction(tx: unknown): void {
    this.tx = tx;
  }

  /** Aborted when the listener's `handlerTimeoutMs` passes; see KafkaContext.signal. */
  get signal(): AbortSignal {
    return this.records[0]!.signal;
  }

  /** @internal */
  abort(reason: Error): void {
    this.records[0]!.abort(reason);
  }

  /** Keeps the group membership alive during long work on the batch. */
  heartbeat(): Promise<void> {
    return this.records[0]!.heartbeat();
  }
}
