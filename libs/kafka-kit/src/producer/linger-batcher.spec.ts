import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batcher, echoFlush, type Results } from './linger-batcher.fixtures.js';

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
});
