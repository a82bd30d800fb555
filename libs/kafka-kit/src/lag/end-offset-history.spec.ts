import { describe, expect, it } from 'vitest';
import { EndOffsetHistory } from './end-offset-history.js';

describe('EndOffsetHistory', () => {
  it('interpolates when the record at the committed offset reached the log', () => {
    const history = new EndOffsetHistory();
    history.record('100', 10_000);
    history.record('200', 20_000);
    // Offset 149 is the 50th of the 100 records that arrived between 10 s and 20 s.
    expect(history.timeLag('149', 30_000)).toEqual({ seconds: 15, lowerBound: false });
  });

  it('is 0 s behind at or past the newest end offset', () => {
    const history = new EndOffsetHistory();
    history.record('100', 10_000);
    expect(history.timeLag('100', 50_000)).toEqual({ seconds: 0, lowerBound: false });
  });

  it('places a record after the last time the end offset was seen below it', () => {
    const history = new EndOffsetHistory();
    history.record('100', 10_000);
    history.record('100', 20_000);
    history.record('110', 30_000);
    // Offset 100 was not in the log at 20 s; the first of 10 records that arrived by 30 s.
    expect(history.timeLag('100', 30_000)).toEqual({ seconds: 9, lowerBound: false });
  });

  it('gives a lower bound for an offset older than the history', () => {
    const history = new EndOffsetHistory();
    history.record('100', 10_000);
    history.record('200', 20_000);
    expect(history.timeLag('5', 25_000)).toEqual({ seconds: 15, lowerBound: true });
  });

  it('is unknown with nothing committed or nothing sampled', () => {
    const history = new EndOffsetHistory();
    expect(history.timeLag('5', 0)).toBeNull();
    history.record('10', 0);
    expect(history.timeLag('-1', 0)).toBeNull();
  });

  it('thins the older half when full, still reaching back to the first point', () => {
    const history = new EndOffsetHistory(8);
    for (let i = 1; i <= 40; i++) history.record(String(i * 10), i * 1000);
    // The first point is kept, so offset 10 is still placed (coarsely) near the first second.
    const oldest = history.timeLag('10', 41_000)!;
    expect(oldest.lowerBound).toBe(false);
    expect(oldest.seconds).toBeGreaterThan(38);
    expect(history.timeLag('395', 41_000)!.seconds).toBeCloseTo(1.4, 5);
  });
});
