// User-facing text of the producer, kept apart from the logic so wording changes in one place.

export const invalidReservedPartitionsMessage = (reserved: number): string =>
  `reservedPartitions must be a positive integer, got ${reserved}.`;

export const fallbackOutOfRangeMessage = (topic: string, partition: number, regular: number): string =>
  `The priority partitioner's fallback chose partition ${partition} of topic "${topic}", outside ` +
  `the ${regular} non-reserved partition(s) [0, ${regular}); a fallback must use the partitionCount it is given.`;

export const invalidBatcherOptionMessage = (name: string, value: number, rule: string): string =>
  `LingerBatcher option ${name} must be ${rule}, got ${value}.`;

export const flushResultCountMessage = (expected: number, actual: unknown): string =>
  `flush must return one result per item: expected an array of ${expected}, got ` +
  `${Array.isArray(actual) ? `an array of ${actual.length}` : typeof actual}.`;
