export function noOriginalTopic(where: string): string {
  return `${where} has no original-topic header (x-dlq-original-topic or kafka_dlt-original-topic); not replayed`;
}

export function replayLoop(where: string, count: number, max: number): string {
  return `${where} was replayed ${count} times already (max ${max}); it keeps failing, so it is not replayed again`;
}

export function replayed(count: number, dlqTopic: string, dryRun: boolean): string {
  return dryRun
    ? `dry run: ${count} records of ${dlqTopic} would be replayed`
    : `replayed ${count} records of ${dlqTopic} to their original topics`;
}
