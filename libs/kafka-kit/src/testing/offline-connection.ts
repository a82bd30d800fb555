import type { OutgoingRecord, RecordMetadata } from '../client/producer-client.js';

/**
 * Stands in for KafkaConnection in the routing harness, so no kafkajs client is created and
 * nothing tries to reach a broker. Records the app's own KafkaProducer sends are kept in
 * `produced`; ordered retry finds its retry topics empty (nothing to rebuild).
 */
export class OfflineConnection {
  readonly produced: OutgoingRecord[] = [];

  createProducer() {
    let offset = 0;
    return {
      connect: async () => undefined,
      disconnect: async () => undefined,
      requestCount: 0,
      send: async (records: OutgoingRecord[]): Promise<RecordMetadata[]> => {
        this.produced.push(...records);
        return records.map((r) => ({
          topic: r.topic,
          partition: r.partition ?? 0,
          offset: String(offset++),
        }));
      },
    };
  }

  admin() {
    return {
      committedOffsets: async () => [],
      topicOffsets: async () => [],
      partitionCounts: async () => new Map<string, number>(),
      disconnect: async () => undefined,
    };
  }

  createReader() {
    return { read: async () => [] };
  }

  async close(): Promise<void> {}
}
