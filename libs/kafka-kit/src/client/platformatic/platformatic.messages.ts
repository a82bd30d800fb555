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

export const groupConfigRefused = (groupId: string, configs: string[], answer: string): string =>
  `under groupProtocol 'consumer' the broker holds it as a config of group "${groupId}", and refused ${configs.join(', ')}: ${answer} (a broker's minimums are group.consumer.min.session.timeout.ms and group.consumer.min.heartbeat.interval.ms, 45000 and 5000 by default; writing the config needs ALTER_CONFIGS on the group)`;

export const memberDropped = (groupId: string): string =>
  `the broker no longer knows this member of group "${groupId}" (UNKNOWN_MEMBER_ID: its session expired, the process having not heartbeated for longer than the session timeout); it gives up its partitions and joins again`;
