import { describe, expect, it } from 'vitest';
import { evaluatePartition } from './burrow-evaluator.js';
import { CommitWindow } from './commit-window.js';

const offsetsOf = (window: CommitWindow) => window.commitSamples().map((c) => c.offset);

describe('CommitWindow', () => {
  it('keeps the last 10 commits and end offsets by default', () => {
    const window = new CommitWindow();
    for (let i = 0; i < 12; i++) {
      window.recordEndOffset(String(1000 + i * 10));
      window.recordCommit({ offset: String(i * 10), timestamp: i * 60_000 });
    }
    expect(offsetsOf(window)).toEqual([20n, 30n, 40n, 50n, 60n, 70n, 80n, 90n, 100n, 110n]);
    expect(window.endOffsetSamples()).toHaveLength(10);
    expect(window.endOffsetSamples()[0]).toBe(1020n);
  });

  it('honours a custom number of intervals', () => {
    const window = new CommitWindow({ intervals: 3 });
    for (let i = 0; i < 5; i++) window.recordCommit({ offset: i, timestamp: i * 60_000 });
    expect(offsetsOf(window)).toEqual([2n, 3n, 4n]);
  });

  it('does not store the same commit twice', () => {
    const window = new CommitWindow();
    expect(window.recordCommit({ offset: '100', timestamp: 60_000 })).toBe(true);
    expect(window.recordCommit({ offset: '100', timestamp: 60_000 })).toBe(false);
    expect(window.commitSamples()).toHaveLength(1);
  });

  it('stores the same offset committed again later, which is how a stall shows', () => {
    const window = new CommitWindow();
    window.recordCommit({ offset: '100', timestamp: 60_000 });
    expect(window.recordCommit({ offset: '100', timestamp: 120_000 })).toBe(true);
    expect(window.commitSamples().map((c) => c.timestamp)).toEqual([60_000, 120_000]);
  });

  it('drops a commit older than the newest stored one', () => {
    const window = new CommitWindow();
    window.recordCommit({ offset: '200', timestamp: 120_000 });
    expect(window.recordCommit({ offset: '100', timestamp: 60_000 })).toBe(false);
    expect(offsetsOf(window)).toEqual([200n]);
  });

  it('ignores a partition with no committed offset', () => {
    const window = new CommitWindow();
    expect(window.recordCommit({ offset: '-1', timestamp: 60_000 })).toBe(false);
    window.recordEndOffset('-1');
    expect(window.commitSamples()).toEqual([]);
    expect(window.endOffsetSamples()).toEqual([]);
    expect(window.currentLag()).toBeNull();
  });

  it('merges commits closer than min-distance into the previous slot, keeping its time', () => {
    const window = new CommitWindow();
    window.recordCommit({ offset: '100', timestamp: 10_000 });
    expect(window.recordCommit({ offset: '105', timestamp: 10_400 })).toBe(true);
    expect(window.recordCommit({ offset: '110', timestamp: 10_900 })).toBe(true);
    expect(window.commitSamples()).toEqual([{ offset: 110n, timestamp: 10_000, lag: null }]);
    // Measured from the kept time, so a steady fast committer still gets a new slot each second.
    window.recordCommit({ offset: '115', timestamp: 11_000 });
    expect(offsetsOf(window)).toEqual([110n, 115n]);
  });

  it('stores every distinct commit when min-distance is 0', () => {
    const window = new CommitWindow({ minDistanceMs: 0 });
    window.recordCommit({ offset: 1, timestamp: 10_000 });
    window.recordCommit({ offset: 2, timestamp: 10_000 });
    expect(offsetsOf(window)).toEqual([1n, 2n]);
  });

  it('computes lag at commit time from the newest end offset, unless given', () => {
    const window = new CommitWindow();
    window.recordCommit({ offset: '10', timestamp: 0 });
    window.recordEndOffset('100');
    window.recordEndOffset('150');
    window.recordCommit({ offset: '120', timestamp: 60_000 });
    window.recordCommit({ offset: '200', timestamp: 120_000 });
    window.recordCommit({ offset: '130', timestamp: 180_000, lag: 99 });
    expect(window.commitSamples().map((c) => c.lag)).toEqual([null, 30, 0, 99]);
  });

  it('gives the current lag from the newest end offset and commit, exactly beyond 2^53', () => {
    const window = new CommitWindow();
    const base = 2n ** 60n;
    window.recordEndOffset((base + 500n).toString());
    expect(window.currentLag()).toBeNull();
    window.recordCommit({ offset: (base + 123n).toString(), timestamp: 60_000 });
    expect(window.currentLag()).toBe(377);
    expect(offsetsOf(window)).toEqual([base + 123n]);
  });

  it('rejects a timestamp that is not a finite number', () => {
    expect(() => new CommitWindow().recordCommit({ offset: '1', timestamp: Number.NaN })).toThrow(RangeError);
  });

  it('feeds the evaluator: a consumer committing the same offset behind the log end stalls', () => {
    const window = new CommitWindow();
    for (let i = 1; i <= 5; i++) {
      window.recordEndOffset(String(1000 + i * 100));
      window.recordCommit({ offset: '1000', timestamp: i * 60_000 });
    }
    const input = window.toEvaluationInput(330_000);
    expect(input).toMatchObject({ currentLag: 500, now: 330_000, allowedLag: 0 });
    expect(evaluatePartition(input)).toBe('STALL');
    expect(evaluatePartition(window.toEvaluationInput(330_000, 500))).toBe('OK');
  });

  it('feeds the evaluator: a consumer that stops committing behind the log end stops', () => {
    const window = new CommitWindow();
    for (let i = 1; i <= 5; i++) {
      window.recordEndOffset(String(1000 + i * 100));
      window.recordCommit({ offset: String(i * 100), timestamp: i * 60_000 });
    }
    expect(evaluatePartition(window.toEvaluationInput(360_000))).toBe('WARN');
    expect(evaluatePartition(window.toEvaluationInput(600_000))).toBe('STOP');
  });
});
