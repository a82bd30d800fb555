// User-facing text of the health checks.

export const lagGroupStatus = (status: string): string =>
  status === 'ERR'
    ? 'a partition is stopped, stalled or rewound (Burrow ERR)'
    : 'lag has not decreased across the window (Burrow WARN)';

export const lagAboveMax = (topic: string, partition: number, lag: number, max: number): string =>
  `lag ${lag} on ${topic}[${partition}] exceeds the maximum of ${max}`;

export const timeLagAboveMax = (topic: string, partition: number, seconds: number, max: number): string =>
  `${topic}[${partition}] is ${seconds} s behind, more than the maximum of ${max} s`;

export const lagSampleFailed = (reason: string): string => `lag could not be sampled: ${reason}`;

export const noLagSampleYet = 'no lag sample yet';

export const tooFewBrokers = (alive: number, min: number): string =>
  `${alive} broker(s) alive, fewer than the minimum of ${min}`;

export const noController = 'the cluster reports no active controller';

export const brokerUnreachable = (reason: string): string => `cluster unreachable: ${reason}`;

export const consumersNotReady = (groups: string[]): string => `not ready: ${groups.join(', ')}`;

export const noConsumers = 'no consumer groups in this app';

export const indicatorFailed = (reason: string): string => `health check failed: ${reason}`;

export function groupRebalancing(since: number, forMs: number): string {
  return `rebalancing since ${new Date(since).toISOString()} (${Math.round(forMs / 1000)} s): no partition of the group moves until it ends; a member that died holds it until its session times out`;
}
