import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LingerBatcher } from './linger-batcher.js';
import { batcher, echoFlush, heldFlush, settleMicrotasks } from './linger-batcher.fixtures.js';

describe('LingerBatcher flushing and flow control', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
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
