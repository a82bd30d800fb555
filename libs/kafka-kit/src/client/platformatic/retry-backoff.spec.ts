import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from './retry-backoff.js';

describe('exponentialBackoff', () => {
  const lines: string[] = [];
  const delay = exponentialBackoff(
    { initialRetryTimeMs: 100, maxRetryTimeMs: 1000 },
    { debug: (line: string) => lines.push(line) },
  );

  it("doubles kafkajs' initial wait per attempt within +-20%, capped at maxRetryTimeMs", () => {
    const waits = [1, 2, 3, 4, 5].map((attempt) => delay({}, 'metadata', attempt, 5, new Error('x')));
    [100, 200, 400, 800, 1000].forEach((base, i) => {
      expect(waits[i]).toBeGreaterThanOrEqual(base * 0.8);
      expect(waits[i]).toBeLessThanOrEqual(base * 1.2);
    });
  });

  it('logs each retry at debug with the operation, the error and the wait', () => {
    lines.length = 0;
    const wait = delay({}, 'produce', 2, 5, new Error('This server is not the leader'));
    expect(lines).toEqual([
      `[platformatic] produce failed (This server is not the leader); try 3 of 6 in ${wait} ms`,
    ]);
  });
});
