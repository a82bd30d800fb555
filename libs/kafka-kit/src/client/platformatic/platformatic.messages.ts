// User-facing text of the @platformatic/kafka driver.

export const produceFailed = (partitions: string[], why: string): string =>
  `producing to ${partitions.join(', ')} failed (a retriable error only once retry.retries are spent); those records may or may not be written: ${why}`;

export const retrying = (
  operation: string,
  attempt: number,
  retries: number,
  delayMs: number,
  error: Error,
): string =>
  `[platformatic] ${operation} failed (${error.message}); try ${attempt + 1} of ${retries + 1} in ${delayMs} ms`;
