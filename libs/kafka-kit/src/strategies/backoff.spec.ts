import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('grows by the multiplier and stops at maxMs', () => {
    const noJitter = { initialMs: 100, multiplier: 3, maxMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, noJitter))).toEqual([100, 300, 900, 1000]);
  });

  it('jitter only shortens a delay, by at most its fraction', () => {
    const options = { initialMs: 1000, multiplier: 2, maxMs: 1000, jitter: 0.2 };
    expect(backoffDelay(1, options, () => 0)).toBe(1000);
    expect(backoffDelay(1, options, () => 0.999999)).toBe(800);
  });
});
