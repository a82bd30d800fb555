import { describe, expect, it } from 'vitest';
import { RestartBackoff } from './restart-backoff.js';

describe('RestartBackoff', () => {
  it('waits 0.5 s, doubled per attempt up to 10 s, and starts over after a join', () => {
    const backoff = new RestartBackoff();
    expect(Array.from({ length: 7 }, () => backoff.next())).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    backoff.reset();
    expect(backoff.next()).toBe(500);
  });
});
