// User-facing text of the health evaluation: why a group's verdict is what it is.

export const lagGroupStatus = (status: string): string =>
  status === 'ERR'
    ? 'a partition is stopped, stalled or rewound (Burrow ERR)'
    : 'lag has not decreased across the window (Burrow WARN)';

export const lagAboveMax = (topic: string, partition: number, lag: number, max: number): string =>
  `lag ${lag} on ${topic}[${partition}] exceeds the maximum of ${max}`;

export const timeLagAboveMax = (topic: string, partition: number, seconds: number, max: number): string =>
  `${topic}[${partition}] is ${seconds} s behind, more than the maximum of ${max} s`;

export const lagSampleFailed = (reason: string): string => `lag could not be sampled: ${reason}`;

export const groupCrashed = (error: string): string => `the consumer crashed and will not restart: ${error}`;

export function groupRebalancing(since: number, forMs: number): string {
  return `rebalancing since ${new Date(since).toISOString()} (${Math.round(forMs / 1000)} s): no partition of the group moves until it ends; a member that died holds it until its session times out`;
}

/** Partitions held because their offset store cannot be read (at least one). */
export function offsetStoreUnreadable(
  held: readonly { topic: string; partition: number; error: string; since: number }[],
): string {
  const partitions = held.map((h) => `${h.topic}[${h.partition}]`).join(', ');
  const since = new Date(Math.min(...held.map((h) => h.since))).toISOString();
  return `${partitions} held since ${since}: ${held[0]!.error}; they go on by themselves once the store answers`;
}

export const memberExpired = (silentMs: number, sessionTimeoutMs: number): string =>
  `no heartbeat for ${Math.round(silentMs / 1000)} s, longer than the session timeout (${sessionTimeoutMs / 1000} s): the broker no longer counts this member`;

/** The consumer waits for subscribed topics the cluster does not have. */
export const topicsMissing = (missing: { topics: string[]; since: number }): string =>
  `subscribed topic${missing.topics.length > 1 ? 's' : ''} ${missing.topics.join(', ')} missing since ${new Date(missing.since).toISOString()}: the consumer tries to join again with back-off and goes on by itself once ${missing.topics.length > 1 ? 'they exist' : 'it exists'}`;
