export function notStopped(groupId: string, topic: string, partition: number): string {
  return `partition ${topic}[${partition}] of group "${groupId}" is not stopped in this process`;
}

export function offsetMoved(topic: string, partition: number, expected: string, actual: string): string {
  return `partition ${topic}[${partition}] is stopped at offset ${actual}, not ${expected}; nothing was done`;
}

export function skippedByOperator(
  groupId: string,
  where: string,
  by: string,
  reason: string,
  error: string,
): string {
  return `operator ${by} SKIPPED ${where} (group ${groupId}): ${reason}. It had failed with: ${error}`;
}

export function retriedByOperator(groupId: string, where: string, by: string): string {
  return `operator ${by} resumed ${where} (group ${groupId}); the stopped record is tried again`;
}

export function operatorGuardRequired(): string {
  return 'KafkaOperatorModule.forRoot() needs a guard: the endpoint can skip records, so it is off unless the app says who may use it';
}

export function skipRequestIncomplete(): string {
  return 'skip needs the stopped offset, who skips (by) and why (reason)';
}

export function heldByOffsetStore(topic: string, partition: number, error: string): string {
  return `partition ${topic}[${partition}] is not stopped at a record: it waits for its offset store (${error}) and goes on by itself once the store answers; nothing was done`;
}
