import type { BatchControl, ConsumedRecord } from '../client/consumer-client.js';
import { InvalidListenerError } from '../errors/invalid-listener.error.js';
import { noOffsetStore } from './consumer.messages.js';
import { decodeHeaders, type DecodedHeaders } from './headers.js';

/**
 * Everything about the record being handled, beyond its payload: where it came from, its key
 * and headers, and control over the consumer (`@Ctx()`).
 */
export class KafkaContext {
  private decoded?: DecodedHeaders;
  private tx?: unknown;
  private aborter?: AbortController;

  /** @internal The library makes one per record; handlers receive it through `@Ctx()`. */
  constructor(
    /** The record's topic. */
    readonly topic: string,
    /** The record's partition. */
    readonly partition: number,
    /** The record as received: raw key, value and headers. */
    readonly record: ConsumedRecord,
    private readonly control: BatchControl,
  ) {}

  /** The record's offset, as the decimal string the broker sent (Kafka offsets are 64-bit). */
  get offset(): string {
    return this.record.offset;
  }

  /** Epoch ms. */
  get timestamp(): number {
    return Number(this.record.timestamp);
  }

  /** The key as UTF-8 text; null for keyless records. */
  get key(): string | null {
    return this.record.key === null ? null : this.record.key.toString('utf8');
  }

  /** Headers as UTF-8 text, decoded on first use. */
  get headers(): DecodedHeaders {
    this.decoded ??= decodeHeaders(this.record.headers);
    return this.decoded;
  }

  /**
   * The open transaction of the listener's `offsetStore`, in which the library saves this
   * record's offset when the handler returns: write the record's effects through it (for
   * PostgresOffsetStore: `ctx.transaction<SqlQueryable>().query(...)`). Throws when the listener
   * has no offset store.
   */
  transaction<Tx = unknown>(): Tx {
    if (this.tx === undefined) throw new InvalidListenerError(noOffsetStore(this.topic));
    return this.tx as Tx;
  }

  /** Set by the library before the handler runs; not for handlers. */
  bindTransaction(tx: unknown): void {
    this.tx = tx;
  }

  /**
   * Aborted when the listener's `handlerTimeoutMs` passes (its reason is the
   * HandlerTimeoutError): JavaScript cannot cancel the handler, so hand this to `fetch`, a
   * database driver or your own checks to stop work whose record has gone to the error
   * strategy. Never aborted without a timeout set.
   */
  get signal(): AbortSignal {
    this.aborter ??= new AbortController();
    return this.aborter.signal;
  }

  /** @internal The handler timed out: its signal says so (created on first read, so free unless read). */
  abort(reason: Error): void {
    this.aborter ??= new AbortController();
    this.aborter.abort(reason);
  }

  /** Keeps the group membership alive during long work. */
  heartbeat(): Promise<void> {
    return this.control.heartbeat();
  }

  /** Pauses this record's partition (after the current batch); returns a function that resumes it. */
  pause(): () => void {
    return this.control.pause();
  }
}
