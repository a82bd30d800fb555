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

export function noOffsetStore(topic: string): string {
  return `ctx.transaction() on a record of ${topic}: its listener has no offsetStore, so there is no transaction to write through`;
}

export function offsetStoreWithKeyConcurrency(listener: string): string {
  return `${listener} has both offsetStore and concurrency: { by: 'key' }; records of different keys finish out of order, and one stored offset per partition cannot say which of them are done. Use partition-level concurrency (@KafkaConsumer({ concurrency })) instead`;
}

export function invalidOffsetStore(listener: string): string {
  return `${listener} has an offsetStore without load(), transaction() and save() functions; see the OffsetStore interface (PostgresOffsetStore implements it)`;
}

export function offsetReloadFailed(topic: string, partition: number, error: unknown): string {
  return `cannot seek ${topic}[${partition}] to its stored offset again (${error instanceof Error ? error.message : String(error)}); it stays paused until the next assignment`;
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

export function offsetStoreWithHandlerTimeout(listener: string, timeoutMs: number): string {
  return `${listener} has both offsetStore and a handlerTimeoutMs of ${timeoutMs} ms; a timed-out handler cannot be cancelled and may still commit its store transaction after the library routed its record, applying its effects twice. Give this listener handlerTimeoutMs: 0 and bound the handler's own I/O instead (e.g. a statement timeout)`;
}

export function subscribedTopicsMissing(topics: string[], error: Error): string {
  return `subscribed topic${topics.length > 1 ? 's' : ''} ${topics.join(', ')} missing (deleted, with auto-creation off?): the consumer waits for ${topics.length > 1 ? 'them' : 'it'}, trying to join again with back-off up to 10 s, and goes on by itself once ${topics.length > 1 ? 'they exist' : 'it exists'}. ${error.message}`;
}

export function subscribedTopicsBack(topics: string[], afterMs: number): string {
  return `subscribed topic${topics.length > 1 ? 's' : ''} ${topics.join(', ')} back after ${Math.round(afterMs / 1000)} s: the consumer joined again`;
}
