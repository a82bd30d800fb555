// User-facing text of the client layer.

export const readRangesTimedOut = (ranges: number, timeoutMs: number): string =>
  `reading ${ranges} offset ranges did not finish within ${timeoutMs} ms`;

export const topicsWithoutLeaders = (topics: string[], timeoutMs: number): string =>
  `new topics ${topics.join(', ')} have no leader on every partition after ${timeoutMs} ms`;
