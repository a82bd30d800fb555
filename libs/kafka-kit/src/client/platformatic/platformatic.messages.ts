// User-facing text of the @platformatic/kafka driver.

export const produceFailed = (partitions: string[], why: string): string =>
  `producing to ${partitions.join(', ')} failed after the configured retries (retry.retries, retry.maxRetryTimeMs); those records may or may not be written: ${why}`;
