export function invalidOffsetTable(table: string): string {
  return `offset table "${table}" is not a plain name or schema.name (letters, digits, underscores; not starting with a digit)`;
}

export function offsetsNotLoaded(groupId: string, topic: string, reason: string, retryInMs: number): string {
  return `group "${groupId}": cannot load stored offsets of ${topic} (${reason}); its partitions stay paused and readiness is down, trying again with back-off (first in ${retryInMs} ms, logged again only once it recovers)`;
}

export function offsetsStillNotLoaded(
  groupId: string,
  topic: string,
  reason: string,
  retryInMs: number,
): string {
  return `group "${groupId}": stored offsets of ${topic} still not loaded (${reason}); trying again in ${retryInMs} ms`;
}

export function offsetStoreRecovered(groupId: string, topic: string, failedForMs: number): string {
  return `group "${groupId}": the offset store answers again for ${topic} after ${failedForMs} ms; its partitions go on`;
}

/** The error shown for a partition held because its offset store cannot be read. */
export function offsetStoreUnreadable(reason: string): string {
  return `offset store unreadable: ${reason}`;
}

export function seekingToStoredOffsets(groupId: string, topic: string, seeks: string): string {
  return `group "${groupId}" ${topic}: starting at the stored offsets ${seeks}`;
}

export function restoreFailed(groupId: string, reason: string): string {
  return `group "${groupId}": seeking to the stored offsets failed (${reason}); the partitions stay paused until the next assignment`;
}
