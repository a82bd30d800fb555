import { describe, expect, it } from 'vitest';
import { keylessRoundRobin } from './keyless-round-robin.js';

const keyless = (topic: string, partitionCount: number, availablePartitions?: number[]) => ({
  topic,
  key: null,
  partitionCount,
  availablePartitions,
});

describe('keylessRoundRobin', () => {
  it('visits every partition once per round, in turn', () => {
    const next = keylessRoundRobin();
    const picks = Array.from({ length: 12 }, () => next(keyless('t', 6)));
    expect(new Set(picks.slice(0, 6))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(picks.slice(6)).toEqual(picks.slice(0, 6));
    for (let i = 1; i < picks.length; i++) expect(picks[i]).toBe((picks[i - 1]! + 1) % 6);
  });

  it('keeps one counter per topic', () => {
    const next = keylessRoundRobin();
    const a0 = next(keyless('a', 4));
    const b0 = next(keyless('b', 4));
    next(keyless('b', 4));
    expect(next(keyless('a', 4))).toBe((a0 + 1) % 4);
    expect(next(keyless('b', 4))).toBe((b0 + 2) % 4);
  });

  it('uses only the available partitions when there are any', () => {
    const next = keylessRoundRobin();
    const picks = Array.from({ length: 30 }, () => next(keyless('t', 6, [1, 4, 5])));
    expect(new Set(picks)).toEqual(new Set([1, 4, 5]));
    for (const p of [1, 4, 5]) expect(picks.filter((x) => x === p)).toHaveLength(10);
  });

  it('falls back to every partition when none is known to be available', () => {
    const next = keylessRoundRobin();
    const picks = Array.from({ length: 3 }, () => next(keyless('t', 3, [])));
    expect(new Set(picks)).toEqual(new Set([0, 1, 2]));
  });

  it('gives separate factory calls separate counters', () => {
    const first = keylessRoundRobin();
    const second = keylessRoundRobin();
    const start = first(keyless('t', 5));
    for (let i = 0; i < 7; i++) second(keyless('t', 5));
    expect(first(keyless('t', 5))).toBe((start + 1) % 5);
  });
});
