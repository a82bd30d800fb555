import { flushResultCountMessage, invalidBatcherOptionMessage } from './producer.messages.js';

/** Options of {@link LingerBatcher}. */
export interface LingerBatcherOptions<T, R> {
  /**
   * Sends one batch. Returns one entry per item, in the items' order: the item's result, or an
   * `Error` that rejects only that item's caller. A rejected promise rejects every caller of the
   * batch with that error. Results that are themselves `Error` instances are therefore always
   * treated as failures.
   */
  flush: (items: T[]) => Promise<Array<R | Error>>;
  /**
   * How long the first item of a batch waits for company before the batch is sent. `0` sends on
   * the next `setImmediate` tick, so calls made in the same tick (and the microtasks it spawns,
   * such as callers resuming after an `await`) still share a batch; a microtask would cut the
   * batch before those callers had run.
   * @default 5 (Kafka 4.0's Java `linger.ms`: a few milliseconds buys much larger requests)
   */
  lingerMs?: number;
  /**
   * How many items make a batch full; a full batch is sent at once, without waiting for the
   * linger. A count rather than bytes, to keep per-item work to a push.
   * @default 500
   */
  batchSize?: number;
  /**
   * How many batches may be in flight at once. kafkajs has no backpressure of its own: every
   * `send` goes straight out, so without a cap a burst turns into an unbounded number of
   * concurrent requests. Past the cap, batches wait here (the pending one keeps growing up to
   * `batchSize`, which makes the next request bigger), and callers that await `add` slow down.
   * Batches sent concurrently may complete out of order; use `1` where order across batches
   * matters (kafkajs's idempotent producer needs that too).
   * @default 5 (Java's `max.in.flight.requests.per.connection`)
   */
  maxInFlight?: number;
}

interface Batch<T, R> {
  readonly items: T[];
  readonly resolves: Array<(result: R) => void>;
  readonly rejects: Array<(error: unknown) => void>;
  /** `flushNow` callers waiting for this batch; allocated only when someone waits. */
  waiters?: Array<() => void>;
}

const newBatch = <T, R>(): Batch<T, R> => ({ items: [], resolves: [], rejects: [] });

/**
 * Groups items added one at a time into batches for one `flush` call each, and hands every caller
 * its own item's result. One timer per batch, never per item: this sits on the producer's hot
 * path, so `add` does no more than push the item and its promise's settle functions.
 */
export class LingerBatcher<T, R> {
  private readonly flushFn: LingerBatcherOptions<T, R>['flush'];
  private readonly lingerMs: number;
  private readonly batchSize: number;
  private readonly maxInFlight: number;

  private pending: Batch<T, R> = newBatch();
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  /** The pending batch's linger ran out while every in-flight slot was taken. */
  private lingerElapsed = false;
  /** Batches ready to send, oldest first, waiting for an in-flight slot. */
  private readonly queued: Array<Batch<T, R>> = [];
  /** Batches ready to send or in flight: what `flushNow` waits for. */
  private readonly open = new Set<Batch<T, R>>();
  private inFlight = 0;

  constructor(options: LingerBatcherOptions<T, R>) {
    const { flush, lingerMs = 5, batchSize = 500, maxInFlight = 5 } = options;
    if (!(Number.isFinite(lingerMs) && lingerMs >= 0)) {
      throw new RangeError(invalidBatcherOptionMessage('lingerMs', lingerMs, 'a finite number >= 0'));
    }
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
      throw new RangeError(invalidBatcherOptionMessage('batchSize', batchSize, 'an integer >= 1'));
    }
    if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1)) {
      throw new RangeError(invalidBatcherOptionMessage('maxInFlight', maxInFlight, 'an integer >= 1'));
    }
    this.flushFn = flush;
    this.lingerMs = lingerMs;
    this.batchSize = batchSize;
    this.maxInFlight = maxInFlight;
  }

  /** Queues `item` for the next batch; settles with its entry of that batch's `flush` result. */
  add(item: T): Promise<R> {
    const batch = this.pending;
    batch.items.push(item);
    const result = new Promise<R>(this.capture);
    const size = batch.items.length;
    if (size >= this.batchSize) {
      this.cut();
      this.pump();
    } else if (size === 1) {
      this.arm();
    }
    return result;
  }

  /**
   * Sends what is pending now, without waiting for the linger, and resolves once that and every
   * batch already on its way has settled (for shutdown). It never rejects: failures reach the
   * callers of `add`. Items added after the call are not waited for.
   */
  flushNow(): Promise<void> {
    this.cut();
    this.pump();
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      let remaining = this.open.size;
      const done = (): void => {
        if (--remaining === 0) resolve();
      };
      for (const batch of this.open) (batch.waiters ??= []).push(done);
    });
  }

  // A field rather than a closure per `add`: the executor runs synchronously, so it can read the
  // pending batch that `add` has just pushed the item to.
  private readonly capture = (resolve: (result: R) => void, reject: (error: unknown) => void): void => {
    this.pending.resolves.push(resolve);
    this.pending.rejects.push(reject);
  };

  private readonly onLinger = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    this.lingerElapsed = true;
    this.pump();
  };

  private arm(): void {
    if (this.lingerMs === 0) this.immediate = setImmediate(this.onLinger);
    else this.timer = setTimeout(this.onLinger, this.lingerMs);
  }

  /** Closes the pending batch and queues it to be sent. */
  private cut(): void {
    const batch = this.pending;
    if (batch.items.length === 0) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.lingerElapsed = false;
    this.pending = newBatch();
    this.queued.push(batch);
    this.open.add(batch);
  }

  /** Sends queued batches, then a lingered pending one, while in-flight slots are free. */
  private pump(): void {
    while (this.inFlight < this.maxInFlight) {
      if (this.queued.length === 0) {
        if (!this.lingerElapsed) return;
        this.cut();
      }
      const batch = this.queued.shift();
      if (batch === undefined) return;
      this.dispatch(batch);
    }
  }

  private dispatch(batch: Batch<T, R>): void {
    this.inFlight++;
    let sent: Promise<Array<R | Error>>;
    try {
      // Promise.resolve also catches a flush that returns a plain value or a thenable.
      sent = Promise.resolve(this.flushFn(batch.items));
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.then(
      (results) => this.settle(batch, results),
      (error: unknown) => this.fail(batch, error),
    );
  }

  private settle(batch: Batch<T, R>, results: Array<R | Error>): void {
    const { resolves, rejects } = batch;
    if (!Array.isArray(results) || results.length !== resolves.length) {
      this.fail(batch, new TypeError(flushResultCountMessage(resolves.length, results)));
      return;
    }
    for (let i = 0; i < resolves.length; i++) {
      const result = results[i];
      if (result instanceof Error) rejects[i]!(result);
      else resolves[i]!(result as R);
    }
    this.release(batch);
  }

  private fail(batch: Batch<T, R>, error: unknown): void {
    for (const reject of batch.rejects) reject(error);
    this.release(batch);
  }

  private release(batch: Batch<T, R>): void {
    this.inFlight--;
    this.open.delete(batch);
    if (batch.waiters !== undefined) for (const done of batch.waiters) done();
    this.pump();
  }
}
