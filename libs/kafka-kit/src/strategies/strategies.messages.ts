// User-facing text of the error strategies.

export function partitionStoppedOnError(
  listener: string,
  groupId: string,
  where: string,
  scope: 'partition' | 'consumer',
  reason: string,
): string {
  const what = scope === 'consumer' ? 'every partition of the consumer stopped' : 'partition stopped';
  return `${listener} (group ${groupId}) failed on ${where}; ${what}, offset not committed. ${reason}`;
}

export function recordSkipped(listener: string, groupId: string, where: string, reason: string): string {
  return `${listener} (group ${groupId}) failed on ${where}; record SKIPPED (committed, not kept anywhere). ${reason}`;
}

export function failureWriteFailed(topic: string, where: string, attempt: number, reason: string): string {
  return `cannot write failed record ${where} to ${topic} (attempt ${attempt}); nothing is committed, retrying with back-off. ${reason}`;
}

export function deadLettered(where: string, dlqTopic: string, reason: string): string {
  return `record ${where} dead-lettered to ${dlqTopic} (${reason})`;
}

export function failureTopicsNeedLiteralTopics(listener: string, strategy: string): string {
  return `${listener} listens to a topic pattern, but its '${strategy}' error handling names its retry and dead letter topics after each topic; list the topics, or give a fixed dlqTopic (dead-letter only)`;
}

export function orderedRetryNeedsRecordListener(listener: string): string {
  return `${listener} is a batch listener; ordered retry decides per record whether to park it, so it needs a record listener (batch: false)`;
}
