import type { Kafka } from 'kafkajs';
import { errorTypes } from './authorization-failure.js';
import { withTimeout } from './with-timeout.js';

const UNKNOWN_TOPIC = 'UNKNOWN_TOPIC_OR_PARTITION';
// The crash is reported after this at the latest, told or not (the brokers may be down).
const PROBE_TIMEOUT_MS = 5000;

/**
 * The subscribed topics the cluster does not have, when the consumer crashed on them: kafkajs
 * answers a metadata request naming a deleted topic with "This server does not host this
 * topic-partition", without the topic, and restarts into the same answer at once. Asking the
 * cluster's topic list names them; none when the crash had another cause, the list cannot be
 * read, or the topics exist (a leader moving).
 */
export async function missingSubscribedTopics(
  kafka: Kafka,
  error: Error,
  subscribed: readonly string[],
): Promise<string[]> {
  if (subscribed.length === 0 || !errorTypes(error).includes(UNKNOWN_TOPIC)) return [];
  const admin = kafka.admin();
  try {
    const existing = new Set(
      await withTimeout(
        admin.connect().then(() => admin.listTopics()),
        PROBE_TIMEOUT_MS,
        'listTopics',
      ),
    );
    return subscribed.filter((topic) => !existing.has(topic));
  } catch {
    return [];
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
