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
  const answered = new Set(acked.map((a) => `${a.topicName}\u0000${a.partition}`));
  return sent
    .map(({ topic, messages }) => ({
      topic,
      messages: messages.filter((m) => !answered.has(`${topic}\u0000${m.partition}`)),
    }))
    .filter((t) => t.messages.length > 0);
}
