export function duplicateTopicInGroup(groupId: string, topic: string, first: string, second: string): string {
  return `topic ${topic} has two listeners in consumer group "${groupId}": ${first} and ${second}. One group delivers each record once; give one of them another groupId.`;
}

export function conflictingGroupOptions(groupId: string, first: string, second: string): string {
  return `consumer group "${groupId}" is declared by ${first} and ${second} with different options; one group is one kafkajs consumer with one set of options`;
}

export function requestScopedConsumer(name: string): string {
  return `${name} is request-scoped (or depends on a request-scoped provider); Kafka consumers are singletons, so its listeners are ignored`;
}

export function keyConcurrencyNeedsRecordListener(listener: string): string {
  return `${listener} is a batch listener; key-level concurrency runs records one by one per key, so it needs a record listener (batch: false)`;
}

export function invalidKeyConcurrency(listener: string, given: string): string {
  return `${listener} has concurrency ${given}; key-level concurrency is { by: 'key', max: n } with n a positive integer`;
}

export function lateHandlerSettled(
  listener: string,
  where: string,
  timeoutMs: number,
  tookMs: number,
): string {
  return `${listener} on ${where} settled after ${tookMs} ms, ${tookMs - timeoutMs} ms past its handlerTimeoutMs; the record had gone to the error strategy, so its outcome is ignored`;
}

export function invalidHandlerTimeout(listener: string, given: unknown): string {
  return `${listener} has handlerTimeoutMs ${String(given)}; it is a whole number of milliseconds, 0 for none`;
}
