// Order statistics of a few runs: the median, and the spread as the range around it.

export interface Stat {
  median: number;
  min: number;
  max: number;
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))]!;
}

export const median = (values: number[]) => percentile(values, 50);

export function stat(values: number[]): Stat {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** The spread as ± percent of the median: half the range. */
export const spreadPercent = (s: Stat) => (s.median === 0 ? 0 : ((s.max - s.min) / 2 / s.median) * 100);
