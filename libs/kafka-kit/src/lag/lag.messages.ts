// User-facing text of lag sampling.

export const sampleFailed = (reason: string): string => `Lag sample failed: ${reason}`;

export const groupSampleFailed = (groupId: string, reason: string): string =>
  `Lag of group ${groupId} could not be sampled: ${reason}`;

export const groupSampleRecovered = (groupId: string): string => `Lag of group ${groupId} is sampled again`;
