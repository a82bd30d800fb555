import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OffsetStore } from '../interfaces/offset-store.interface.js';
import { OffsetRestorer, type SeekableConsumer, type UnreadableStoreReport } from './offset-restorer.js';

/** Records what the restorer reports to the group's health, in order. */
function reportTo(events: string[] = []): UnreadableStoreReport & { events: string[] } {
  return {
    events,
    unreadable: (topic, partition, error) => void events.push(`unreadable ${topic}[${partition}] ${error}`),
    readable: (topic, partition) => void events.push(`readable ${topic}[${partition}]`),
  };
}

/** Records what the restorer does to the consumer, in order. */
function fakeConsumer(pausedBefore: { topic: string; partitions: number[] }[] = []) {
  const calls: string[] = [];
  const consumer: SeekableConsumer = {
    pause: (topic, partitions) => void calls.push(`pause ${topic} ${partitions.join(',')}`),
    resume: (topic, partitions) => void calls.push(`resume ${topic} ${partitions.join(',')}`),
    seek: (topic, partition, offset) => void calls.push(`seek ${topic}[${partition}] ${offset}`),
    paused: () => pausedBefore,
  };
  return { consumer, calls };
}

function storeOf(stored: Record<number, string>, failures = 0): OffsetStore & { loads: number } {
  const store = {
    loads: 0,
    async load(_g: string, _t: string, partitions: readonly number[]) {
      store.loads++;
      if (store.loads <= failures) throw new Error('connection refused');
      return new Map(partitions.filter((p) => stored[p] !== undefined).map((p) => [p, stored[p]!]));
    },
    transaction: <T>(work: (tx: unknown) => Promise<T>) => work(undefined),
    save: async () => true,
  };
  return store;
}

describe('OffsetRestorer', () => {
  it('pauses at the join, seeks the partitions that have a stored offset, then resumes', async () => {
    const { consumer, calls } = fakeConsumer();
    const restorer = new OffsetRestorer(
      'g',
      consumer,
      (t) => (t === 'clicks' ? storeOf({ 0: '17' }) : undefined),
      reportTo(),
    );
    const done = restorer.assigned({ clicks: [0, 1], other: [0] });
    // Synchronously, before kafkajs can fetch: only the store's topic is held.
    expect(calls).toEqual(['pause clicks 0,1']);
    await done;
    expect(calls).toEqual(['pause clicks 0,1', 'seek clicks[0] 17', 'resume clicks 0,1']);
  });

  it('leaves a partition paused by someone else (a stop on error) paused', async () => {
    const { consumer, calls } = fakeConsumer([{ topic: 'clicks', partitions: [1] }]);
    const restorer = new OffsetRestorer('g', consumer, () => storeOf({ 0: '5', 1: '9' }), reportTo());
    await restorer.assigned({ clicks: [0, 1] });
    expect(calls).toEqual(['pause clicks 0', 'seek clicks[0] 5', 'seek clicks[1] 9', 'resume clicks 0']);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('holds the partitions while the store cannot be read, reported and logged once, until it can', async () => {
    vi.useFakeTimers();
    const errors = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const logs = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    vi.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const { consumer, calls } = fakeConsumer();
    const store = storeOf({ 0: '3' }, 4);
    const report = reportTo();
    const restorer = new OffsetRestorer('g', consumer, () => store, report);
    const done = restorer.assigned({ clicks: [0, 1] });
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000 + 4000);
    await done;
    expect(store.loads).toBe(5);
    expect(report.events).toEqual([
      'unreadable clicks[0] offset store unreadable: connection refused',
      'unreadable clicks[1] offset store unreadable: connection refused',
      'readable clicks[0]',
      'readable clicks[1]',
    ]);
    // One ERROR when it starts failing, one line when it answers again: not one per attempt.
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toContain(
      'cannot load stored offsets of clicks (connection refused)',
    );
    expect(logs.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('answers again'))).toHaveLength(
      1,
    );
    expect(calls).toEqual(['pause clicks 0,1', 'seek clicks[0] 3', 'resume clicks 0,1']);
  });

  it('stops reporting a held partition once another member has it', async () => {
    vi.useFakeTimers();
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    vi.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    const { consumer } = fakeConsumer();
    const report = reportTo();
    const restorer = new OffsetRestorer('g', consumer, () => storeOf({}, 1_000), report);
    void restorer.assigned({ clicks: [0, 1] });
    await vi.advanceTimersByTimeAsync(0);
    void restorer.assigned({ clicks: [1] });
    await vi.advanceTimersByTimeAsync(0);
    restorer.stop();
    expect(report.events).toEqual([
      'unreadable clicks[0] offset store unreadable: connection refused',
      'unreadable clicks[1] offset store unreadable: connection refused',
      'readable clicks[0]',
    ]);
  });

  it('drops a restore that a newer join overtook, and the newer one resumes what the first held', async () => {
    const { consumer, calls } = fakeConsumer();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const store = storeOf({ 0: '1', 1: '2' });
    const slow: OffsetStore = {
      ...store,
      load: async (g, t, p) => {
        if (first) {
          first = false;
          await gate;
        }
        return store.load(g, t, p);
      },
    };
    const restorer = new OffsetRestorer('g', consumer, () => slow, reportTo());
    const older = restorer.assigned({ clicks: [0, 1] });
    // The newer join finds 0 and 1 paused, by this restorer: they stay held, not "someone else's".
    await restorer.assigned({ clicks: [1] });
    release();
    await older;
    expect(calls).toEqual(['pause clicks 0,1', 'pause clicks 1', 'seek clicks[1] 2', 'resume clicks 1']);
  });
});
