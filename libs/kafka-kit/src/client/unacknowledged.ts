// kafkajs 2.2.4 can resolve a sendBatch without having written some of its partitions: when a
// request to a dead leader fails, the retry recomputes the leaders but sends only to brokers that
// have not answered yet, so partitions whose leadership moved to a broker that had already
// answered are dropped, and the call succeeds without them (sendMessages.js, responsePerBroker).
// Seen in the broker chaos test: 7-11 acknowledged records per broker kill missing from the log.

/** The per-topic messages of one sendBatch call; `partition` is set by the partitioner. */
export interface TopicMessages<M extends { partition?: number }> {
  topic: string;
  messages: M[];
}

/** The messages of `sent` whose partition has no answer in `acked`, grouped as sent. */
export function unacknowledged<M extends { partition?: number }>(
  sent: TopicMessages<M>[],
  acked: { topicName: string; partition: number }[],
): TopicMessages<M>[] {
  // Runs after every send: answered partitions by topic, so a message costs a number lookup.
  const answered = new Map<string, Set<number | undefined>>();
  for (const a of acked) {
    let partitions = answered.get(a.topicName);
    if (!partitions) answered.set(a.topicName, (partitions = new Set()));
    partitions.add(a.partition);
  }
  const left: TopicMessages<M>[] = [];
  for (const { topic, messages } of sent) {
    const partitions = answered.get(topic);
    const missing = partitions ? messages.filter((m) => !partitions.has(m.partition)) : messages;
    if (missing.length > 0) left.push({ topic, messages: missing });
  }
  return left;
}
