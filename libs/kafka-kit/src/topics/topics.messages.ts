export function partitionsCannotShrink(topic: string, current: number, declared: number): string {
  return (
    `topic "${topic}" has ${current} partitions but ${declared} are declared: Kafka cannot remove ` +
    `partitions. Declare ${current} (or more), or recreate the topic.`
  );
}

export function partitionIncreaseNotAllowed(topic: string, current: number, declared: number): string {
  return (
    `topic "${topic}" has ${current} partitions but ${declared} are declared. Adding partitions moves ` +
    `keys to other partitions, so per-key order breaks across the change. Set ` +
    `allowPartitionIncrease: true to apply it anyway.`
  );
}

export function conflictingDeclarations(topic: string, a: number, b: number): string {
  return `topic "${topic}" is declared twice, with ${a} and with ${b} partitions`;
}
