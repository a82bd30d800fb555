import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LingerBatcher, type LingerBatcherOptions } from './linger-batcher.js';

type Results = Array<string | Error>;

interface FlushCall {
  items: string[];
  resolve: (results: Results) => void;
  reject: (error: unknown) => void;
}

/** A flush whose every call stays in flight until the test settles it. */
function heldFlush() {
  const calls: FlushCall[] = [];
  const flush = vi.fn(
    (items: string[]) =>
      new Promise<Results>((resolve, reject) => {
        calls.push({ items: [...items], resolve, reject });
      }),
  );
  const succeed = (call: FlushCall) => call.resolve(call.items.map((item) => `ok:${item}`));
  return { calls, flush, succeed };
}

/** A flush that answers at once with `ok:<item>`. */
const echoFlush = () => vi.fn(async (items: string[]): Promise<Results> => items.map((item) => `ok:${item}`));

// Lets the promise chains between a settled flush and the batcher's next step run.
const settleMicrotasks = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

const batcher = (
  options: Partial<LingerBatcherOptions<string, string>> &
    Pick<LingerBatcherOptions<string, string>, 'flush'>,
) => new LingerBatcher<string, string>(options);

describe('LingerBatcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  describe('grouping', () => {
    it('groups concurrent adds into one flush and gives each caller its own result', async () => {
      const flush = echoFlush();
      const b = batcher({ flush, lingerMs: 5 });
      const results = Promise.all(['a', 'b', 'c'].map((item) => b.add(item)));
      expect(flush).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(5);
      expect(flush).toHaveBeenCalledTimes(1);
      expect(flush).toHaveBeenCalledWith(['a', 'b', 'c']);
      await expect(results).resolves.toEqual(['ok:a', 'ok:b', 'ok:c']);
    });

    it('sends a full batch at once: 25 adds with batchSize 10 flush as 10, 10, then 5 after the linger', async () => {
      const flush = echoFlush();
      const b = batcher({ flush, batchSize: 10, lingerMs: 50 });
      const items = Array.from({ length: 25 }, (_, i) => `m${i}`);
      const results = Promise.all(items.map((item) => b.add(item)));
      expect(flush.mock.calls.map(([batch]) => batch.length)).toEqual([10, 10]);
      await vi.advanceTimersByTimeAsync(49);
      expect(flush).toHaveBeenCalledTimes(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(flush.mock.calls.map(([batch]) => batch)).toEqual([
        items.slice(0, 10),
        items.slice(10, 20),
        items.slice(20),
      ]);
      await expect(results).resolves.toEqual(items.map((item) => `ok:${item}`));
    });

    it('counts the linger from the first item of a batch, not the latest', async () => {
      const flush = echoFlush();
      const b = batcher({ flush, lingerMs: 10 });
      void b.add('a');
      await vi.advanceTimersByTimeAsync(7);
      void b.add('b');
      await vi.advanceTimersByTimeAsync(2);
      expect(flush).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(flush).toHaveBeenCalledExactlyOnceWith(['a', 'b']);

      // The next batch starts its own linger with its own first item.
      void b.add('c');
      await vi.advanceTimersByTimeAsync(9);
      expect(flush).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(flush).toHaveBeenLastCalledWith(['c']);
    });

    it('keeps one timer per batch, however many items it holds', () => {
      const b = batcher({ flush: echoFlush(), lingerMs: 5, batchSize: 1000 });
      for (let i = 0; i < 200; i++) void b.add(`m${i}`);
      expect(vi.getTimerCount()).toBe(1);
    });

    it('drops the linger timer of a batch that filled up', () => {
      const b = batcher({ flush: echoFlush(), lingerMs: 5, batchSize: 3 });
      for (let i = 0; i < 3; i++) void b.add(`m${i}`);
      expect(vi.getTimerCount()).toBe(0);
    });

    it('with lingerMs 0 sends on the next setImmediate tick, grouping the current tick', async () => {
      const flush = echoFlush();
      const b = batcher({ flush, lingerMs: 0 });
      const first = [b.add('a'), b.add('b')];
      expect(flush).not.toHaveBeenCalled();
      await vi.advanceTimersToNextTimerAsync();
      expect(flush).toHaveBeenCalledExactlyOnceWith(['a', 'b']);
      await expect(Promise.all(first)).resolves.toEqual(['ok:a', 'ok:b']);
    });
  });

  describe('results and failures', () => {
    it('rejects only the callers whose entry is an Error', async () => {
      const failure = new Error('record too large');
      const b = batcher({ flush: async () => ['ok:a', failure, 'ok:c'], lingerMs: 1 });
      const results = Promise.allSettled([b.add('a'), b.add('b'), b.add('c')]);
      await vi.advanceTimersByTimeAsync(1);
      expect(await results).toEqual([
        { status: 'fulfilled', value: 'ok:a' },
        { status: 'rejected', reason: failure },
        { status: 'fulfilled', value: 'ok:c' },
      ]);
    });

    it('rejects every caller of a batch with the error its flush rejected with, and only that batch', async () => {
      const failure = new Error('broker down');
      let call = 0;
      const b = batcher({
        flush: async (items) => {
          if (call++ === 0) throw failure;
          return items;
        },
        batchSize: 2,
      });
      const results = Promise.allSettled(['a', 'b', 'c', 'd'].map((item) => b.add(item)));
      expect(await results).toEqual([
        { status: 'rejected', reason: failure },
        { status: 'rejected', reason: failure },
        { status: 'fulfilled', value: 'c' },
        { status: 'fulfilled', value: 'd' },
      ]);
    });

    it('rejects the batch when flush throws synchronously', async () => {
      const failure = new Error('serializer bug');
      const b = batcher({
        flush: () => {
          throw failure;
        },
        batchSize: 2,
      });
      const results = Promise.allSettled([b.add('a'), b.add('b')]);
      expect(await results).toEqual([
        { status: 'rejected', reason: failure },
        { status: 'rejected', reason: failure },
      ]);
    });

    it('rejects the batch with a TypeError when flush returns the wrong number of results', async () => {
      const b = batcher({ flush: async () => ['only one'], batchSize: 2 });
      const results = await Promise.allSettled([b.add('a'), b.add('b')]);
      for (const result of results) {
        expect(result).toMatchObject({ status: 'rejected', reason: expect.any(TypeError) });
      }
      expect((results[0] as PromiseRejectedResult).reason.message).toMatch(
        /expected an array of 2, got an array of 1/,
      );
    });

    it('keeps working after a failed batch', async () => {
      const flush = vi.fn(async (items: string[]): Promise<Results> => items);
      flush.mockRejectedValueOnce(new Error('once'));
      const b = batcher({ flush, batchSize: 1 });
      await expect(b.add('a')).rejects.toThrow('once');
      await expect(b.add('b')).resolves.toBe('b');
    });
  });

  describe('flushNow', () => {
    it('sends what is pending without waiting for the linger and resolves when it settled', async () => {
      const { calls, flush, succeed } = heldFlush();
      const b = batcher({ flush, lingerMs: 1000 });
      const result = b.add('a');
      let done = false;
      const flushed = b.flushNow().then(() => (done = true));
      expect(calls.map((call) => call.items)).toEqual([['a']]);
      await settleMicrotasks();
      expect(done).toBe(false);
      succeed(calls[0]!);
      await flushed;
      await expect(result).resolves.toBe('ok:a');
      expect(vi.getTimerCount()).toBe(0);
    });

    it('waits for batches already in flight and for queued ones', async () => {
      const { calls, flush, succeed } = heldFlush();
      const b = batcher({ flush, batchSize: 1, maxInFlight: 1 });
      void b.add('a');
      void b.add('b');
      void b.add('c');
      let done = false;
      const flushed = b.flushNow().then(() => (done = true));
      expect(calls).toHaveLength(1);
      succeed(calls[0]!);
      await settleMicrotasks();
      succeed(calls[1]!);
      await settleMicrotasks();
      expect(done).toBe(false);
      succeed(calls[2]!);
      await flushed;
      expect(calls.map((call) => call.items)).toEqual([['a'], ['b'], ['c']]);
    });

    it('resolves, not rejects, when a batch fails: the callers get the error', async () => {
      const b = batcher({ flush: async () => Promise.reject(new Error('nope')), lingerMs: 1000 });
      const result = b.add('a');
      const outcome = result.catch((error: Error) => error.message);
      await expect(b.flushNow()).resolves.toBeUndefined();
      await expect(outcome).resolves.toBe('nope');
    });

    it('resolves at once when nothing is pending or in flight', async () => {
      const flush = echoFlush();
      await expect(batcher({ flush }).flushNow()).resolves.toBeUndefined();
      expect(flush).not.toHaveBeenCalled();
    });

    it('does not wait for items added after it was called', async () => {
      const { calls, flush, succeed } = heldFlush();
      const b = batcher({ flush, lingerMs: 5 });
      void b.add('a');
      const flushed = b.flushNow();
      void b.add('b');
      await vi.advanceTimersByTimeAsync(5);
      expect(calls).toHaveLength(2);
      succeed(calls[0]!);
      await expect(flushed).resolves.toBeUndefined();
    });
  });

  describe('maxInFlight', () => {
    it('defaults to 5 concurrent flushes', () => {
      const { calls, flush } = heldFlush();
      const b = batcher({ flush, batchSize: 1 });
      for (let i = 0; i < 8; i++) void b.add(`m${i}`);
      expect(calls).toHaveLength(5);
    });

    it('holds further batches until a flush settles, then sends them oldest first', async () => {
      const { calls, flush, succeed } = heldFlush();
      const b = batcher({ flush, batchSize: 1, maxInFlight: 2 });
      const results = Promise.all(['a', 'b', 'c', 'd', 'e'].map((item) => b.add(item)));
      expect(calls.map((call) => call.items)).toEqual([['a'], ['b']]);
      succeed(calls[1]!);
      await settleMicrotasks();
      expect(calls.map((call) => call.items)).toEqual([['a'], ['b'], ['c']]);
      succeed(calls[0]!);
      await settleMicrotasks();
      expect(calls).toHaveLength(4);
      succeed(calls[2]!);
      succeed(calls[3]!);
      await settleMicrotasks();
      expect(calls.map((call) => call.items)).toEqual([['a'], ['b'], ['c'], ['d'], ['e']]);
      succeed(calls[4]!);
      await expect(results).resolves.toEqual(['ok:a', 'ok:b', 'ok:c', 'ok:d', 'ok:e']);
    });

    it('lets the pending batch keep growing while every slot is taken', async () => {
      const { calls, flush, succeed } = heldFlush();
      const b = batcher({ flush, lingerMs: 5, batchSize: 10, maxInFlight: 1 });
      void b.add('a');
      await vi.advanceTimersByTimeAsync(5);
      expect(calls).toHaveLength(1);
      void b.add('b');
      void b.add('c');
      await vi.advanceTimersByTimeAsync(20);
      expect(calls).toHaveLength(1);
      void b.add('d');
      succeed(calls[0]!);
      await settleMicrotasks();
      expect(calls.map((call) => call.items)).toEqual([['a'], ['b', 'c', 'd']]);
    });

    it('frees the slot of a failed flush', async () => {
      const { calls, flush } = heldFlush();
      const b = batcher({ flush, batchSize: 1, maxInFlight: 1 });
      const first = b.add('a').catch(() => 'failed');
      void b.add('b');
      calls[0]!.reject(new Error('boom'));
      await expect(first).resolves.toBe('failed');
      expect(calls.map((call) => call.items)).toEqual([['a'], ['b']]);
    });
  });

  describe('options', () => {
    it.each([
      ['lingerMs', -1],
      ['lingerMs', Number.POSITIVE_INFINITY],
      ['batchSize', 0],
      ['batchSize', 2.5],
      ['maxInFlight', 0],
      ['maxInFlight', Number.NaN],
    ])('rejects %s = %s', (name, value) => {
      expect(() => batcher({ flush: echoFlush(), [name]: value })).toThrow(new RegExp(`${name} must be`));
    });
  });
});

describe('LingerBatcher with real timers', () => {
  it('with lingerMs 0 still groups callers that resume from microtasks in the same tick', async () => {
    const flush = echoFlush();
    const b = new LingerBatcher<string, string>({ flush, lingerMs: 0 });
    const viaAwait = async (item: string) => {
      await Promise.resolve();
      await Promise.resolve();
      return b.add(item);
    };
    const results = await Promise.all([b.add('a'), viaAwait('b'), viaAwait('c')]);
    expect(results).toEqual(['ok:a', 'ok:b', 'ok:c']);
    expect(flush).toHaveBeenCalledExactlyOnceWith(['a', 'b', 'c']);
  });
});
