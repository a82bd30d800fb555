import { describe, expect, it } from 'vitest';
import { evaluatePartition, type CommitSample } from './burrow-evaluator.js';
import type { PartitionLagStatus } from './lag-status.js';

// Burrow's vectors give commit timestamps in ms and "now" in seconds; `now` is converted below.
const SECOND = 1000;

/** Commits at 100 s, 200 s, ... with the given offsets and lags. */
function window(offsets: readonly number[], lags: readonly (number | null)[]): CommitSample[] {
  return offsets.map((offset, i) => ({ offset, timestamp: (i + 1) * 100_000, lag: lags[i] ?? null }));
}

const rising = [1000, 2000, 3000, 4000, 5000];
const flat = [1000, 1000, 1000, 1000, 1000];

type Vector = [
  name: string,
  commits: CommitSample[],
  endOffsets: number[],
  currentLag: number,
  nowSeconds: number,
  allowedLag: number,
  expected: PartitionLagStatus,
];

describe('evaluatePartition', () => {
  // Every row of the table in the shared lag-and-health reference (Burrow's published vectors).
  it.each<Vector>([
    ['zero lag in the window', window(rising, [0, 50, 100, 150, 200]), [5200], 200, 600, 0, 'OK'],
    [
      'gap equal to the span is not a stop',
      window(rising, [0, 50, 100, 150, 200]),
      [5200],
      200,
      900,
      0,
      'OK',
    ],
    ['gap longer than the span', window(rising, [0, 50, 100, 150, 200]), [5200], 200, 1000, 0, 'STOP'],
    ['stopped with lag throughout', window(rising, [50, 100, 150, 200, 250]), [5250], 250, 1000, 0, 'STOP'],
    ['same offset but zero lag once', window(flat, [0, 50, 100, 150, 200]), [1200], 200, 600, 0, 'OK'],
    ['same offset with growing lag', window(flat, [100, 150, 200, 250, 300]), [1300], 300, 600, 0, 'STALL'],
    ['same offset with constant lag', window(flat, [100, 100, 100, 100, 100]), [1100], 100, 600, 0, 'STALL'],
    [
      'rewind recovered',
      window([1000, 2000, 3000, 2000, 4000], [100, 150, 200, 1250, 300]),
      [4300],
      300,
      600,
      0,
      'OK',
    ],
    ['current lag zero', window(rising, [50, 100, 150, 200, 250]), [5250], 0, 1000, 0, 'OK'],
    [
      'current lag within allowed lag',
      [
        { offset: 1000, timestamp: 100_000, lag: 2 },
        { offset: 2000, timestamp: 200_000, lag: 1 },
        { offset: 2000, timestamp: 300_000, lag: 1 },
      ],
      [2001],
      1,
      550,
      1,
      'OK',
    ],
    ['stall above allowed lag', window(flat, [100, 150, 200, 250, 300]), [1300], 300, 600, 99, 'STALL'],
    // The table gives no lags for this row; any lags above the allowed lag give the same verdict.
    [
      'rewind not recovered',
      window([1000, 2000, 3000, 2000, 2500], [100, 150, 200, 1250, 1800]),
      [4300],
      300,
      600,
      0,
      'REWIND',
    ],
    ['lag never decreasing', window(rising, [50, 100, 150, 200, 250]), [5250], 250, 600, 0, 'WARN'],
  ])('%s -> %s', (_name, commits, endOffsets, currentLag, nowSeconds, allowedLag, expected) => {
    expect(evaluatePartition({ commits, endOffsets, currentLag, now: nowSeconds * SECOND, allowedLag })).toBe(
      expected,
    );
  });

  // Further vectors from Burrow's own caching_test.go: a fast committer (#290, #303) and unknown lags.
  const fast = Array.from({ length: 15 }, (_, i) => ({
    offset: 792748079 + i,
    timestamp: [
      1512224618356, 1512224619362, 1512224620366, 1512224621367, 1512224622370, 1512224623373, 1512224624378,
      1512224625379, 1512224626383, 1512224627383, 1512224628383, 1512224629388, 1512224630391, 1512224631394,
      1512224632397,
    ][i]!,
    lag: 0,
  }));

  it('stops a fast committer whose recent end offsets are all ahead of it', () => {
    const endOffsets = [792749024, 792749000, 792748800, 792748600, 792748500];
    expect(evaluatePartition({ commits: fast, endOffsets, currentLag: 931, now: 1512224650 * SECOND })).toBe(
      'STOP',
    );
  });

  it('does not stop a consumer that was caught up at a recent end-offset sample', () => {
    const endOffsets = [792748094, 792748093, 792748093, 792748093];
    expect(evaluatePartition({ commits: fast, endOffsets, currentLag: 1, now: 1512224650 * SECOND })).toBe(
      'OK',
    );
  });

  it('skips unknown lags when looking for a decrease', () => {
    const commits = Array.from({ length: 10 }, (_, i) => ({
      offset: 1000 + i * 500,
      timestamp: 100_000 + i * 50_000,
      lag: i % 2 === 0 ? i * 25 : null,
    }));
    expect(evaluatePartition({ commits, endOffsets: [5700], currentLag: 200, now: 600 * SECOND })).toBe('OK');
    const lagging = commits.map((c) => ({ ...c, lag: c.lag === null ? null : c.lag + 10 }));
    expect(
      evaluatePartition({ commits: lagging, endOffsets: [5700], currentLag: 200, now: 600 * SECOND }),
    ).toBe('WARN');
  });

  it('counts unknown lags as not within the allowed lag', () => {
    const commits = window(flat, [null, null, null, null, null]);
    expect(evaluatePartition({ commits, endOffsets: [1100], currentLag: 100, now: 600 * SECOND })).toBe(
      'STALL',
    );
  });

  it('is OK with no commits or unknown current lag', () => {
    expect(evaluatePartition({ commits: [], endOffsets: [10], currentLag: 10, now: 0 })).toBe('OK');
    const commits = window(flat, [100, 100, 100, 100, 100]);
    expect(evaluatePartition({ commits, endOffsets: [1100], currentLag: null, now: 600 * SECOND })).toBe(
      'OK',
    );
  });

  it('examines only the first rewind, as Burrow does', () => {
    // Recovers from the rewind at 3000 -> 2000, then rewinds again to 1500 and stays there.
    const commits = window([1000, 3000, 2000, 3500, 1500], [500, 500, 1500, 500, 2500]);
    expect(evaluatePartition({ commits, endOffsets: [4000], currentLag: 2500, now: 600 * SECOND })).toBe(
      'OK',
    );
  });

  it('compares BigInt offsets beyond 2^53 exactly', () => {
    const base = 2n ** 60n;
    const commits: CommitSample[] = [
      { offset: base + 1n, timestamp: 100_000, lag: 100 },
      { offset: base + 1n, timestamp: 200_000, lag: 150 },
    ];
    const stalled = { commits, currentLag: 150, now: 250 * SECOND };
    expect(evaluatePartition({ ...stalled, endOffsets: [base + 151n] })).toBe('STALL');
    // One message further is a different offset: Number() would have rounded both to 2^60.
    const moved = [commits[0]!, { ...commits[1]!, offset: base + 2n }];
    expect(evaluatePartition({ ...stalled, commits: moved, endOffsets: [base + 152n] })).toBe('WARN');
  });
});
