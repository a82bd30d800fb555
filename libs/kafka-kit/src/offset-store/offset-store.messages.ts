export function invalidOffsetTable(table: string): string {
  return `offset table "${table}" is not a plain name or schema.name (letters, digits, underscores; not starting with a digit)`;
}

export function offsetsNotLoaded(groupId: string, topic: string, reason: string, retryInMs: number): string {
  return `group "${groupId}": cannot load stored offsets of ${topic} (${reason}); its partitions stay paused, trying again in ${retryInMs} ms`;
}

export function seekingToStoredOffsets(groupId: string, topic: string, seeks: string): string {
  return `group "${groupId}" ${topic}: starting at the stored offsets ${seeks}`;
}

export function restoreFailed(groupId: string, reason: string): string {
  return `group "${groupId}": seeking to the stored offsets failed (${reason}); the partitions stay paused until the next assignment`;
}
