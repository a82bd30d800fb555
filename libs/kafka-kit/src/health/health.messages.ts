// User-facing text of the health checks.

export const noLagSampleYet = 'no lag sample yet';

export const tooFewBrokers = (alive: number, min: number): string =>
  `${alive} broker(s) alive, fewer than the minimum of ${min}`;

export const noController = 'the cluster reports no active controller';

export const brokerUnreachable = (reason: string): string => `cluster unreachable: ${reason}`;

export const consumersNotReady = (groups: string[]): string => `not ready: ${groups.join(', ')}`;

export const noConsumers = 'no consumer groups in this app';

export const indicatorFailed = (reason: string): string => `health check failed: ${reason}`;

export const probeDown = (probe: string, why: string): string => `${probe} is down: ${why}`;

export const probeDegraded = (probe: string, why: string): string => `${probe} is degraded: ${why}`;

export const probeRecovered = (probe: string): string => `${probe} is up again`;
