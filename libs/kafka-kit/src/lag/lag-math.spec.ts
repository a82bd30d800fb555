import { describe, expect, it } from 'vitest';
import { computeLag, parseOffset, summarizeLag } from './lag-math.js';

describe('parseOffset', () => {
  it('parses kafkajs decimal strings, numbers and bigints', () => {
    expect(parseOffset('42')).toBe(42n);
    expect(parseOffset(42)).toBe(42n);
    expect(parseOffset(42n)).toBe(42n);
    expect(parseOffset('0')).toBe(0n);
  });

  it('keeps offsets beyond 2^53 exact', () => {
    expect(parseOffset('9223372036854775807')).toBe(2n ** 63n - 1n);
  });

  it("reads kafkajs's '-1' (no committed offset) as null", () => {
    expect(parseOffset('-1')).toBeNull();
    expect(parseOffset(-1)).toBeNull();
  });

  it.each(['', 'abc', '1.5', '1e3', '12abc'])('rejects %j', (raw) => {
    expect(() => parseOffset(raw)).toThrow(RangeError);
  });

  it('rejects numbers that are not safe integers', () => {
    expect(() => parseOffset(1.5)).toThrow(RangeError);
    expect(() => parseOffset(2 ** 53 + 2)).toThrow(RangeError);
  });
});

describe('computeLag', () => {
  it('is the log-end offset minus the committed offset, with no +1', () => {
    expect(computeLag('150', '100')).toBe(50);
    expect(computeLag('100', '100')).toBe(0);
  });

  it('subtracts offsets beyond 2^53 exactly', () => {
    const end = (2n ** 53n + 10n).toString();
    const committed = (2n ** 53n + 3n).toString();
    expect(computeLag(end, committed)).toBe(7);
    // The same subtraction in Number arithmetic is wrong, which is why BigInt is used.
    expect(Number(end) - Number(committed)).not.toBe(7);
  });

  it('is unknown (null), not zero, when there is no committed offset', () => {
    expect(computeLag('150', '-1')).toBeNull();
  });

  it('is zero when the commit is ahead of a stale log-end sample', () => {
    expect(computeLag('100', '120')).toBe(0);
  });
});

describe('summarizeLag', () => {
  it('sums known lags and finds the highest', () => {
    const partitions = [
      { partition: 0, lag: 5 },
      { partition: 1, lag: 30 },
      { partition: 2, lag: 7 },
    ];
    expect(summarizeLag(partitions)).toEqual({
      totalLag: 42,
      maxLag: partitions[1],
      unknownLagPartitions: 0,
    });
  });

  it('leaves partitions with unknown lag out of the total and the maximum', () => {
    const partitions = [
      { partition: 0, lag: null },
      { partition: 1, lag: 3 },
      { partition: 2, lag: null },
    ];
    expect(summarizeLag(partitions)).toEqual({ totalLag: 3, maxLag: partitions[1], unknownLagPartitions: 2 });
  });

  it('keeps the first partition on a tie, including a tie at zero', () => {
    const partitions = [
      { partition: 0, lag: 0 },
      { partition: 1, lag: 0 },
    ];
    expect(summarizeLag(partitions).maxLag).toBe(partitions[0]);
  });

  it('has no maximum when no lag is known', () => {
    expect(summarizeLag([{ lag: null }])).toEqual({ totalLag: 0, maxLag: null, unknownLagPartitions: 1 });
    expect(summarizeLag([])).toEqual({ totalLag: 0, maxLag: null, unknownLagPartitions: 0 });
  });
});
