import type { OutgoingRecord, RecordMetadata } from '../client/producer-client.js';

/** Stands in for the DLQ/retry producer in the routing harness: keeps what would be sent. */
export class RecordingFailureProducer {
  readonly sent: OutgoingRecord[] = [];

  async send(records: OutgoingRecord[]): Promise<RecordMetadata[]> {
    this.sent.push(...records);
    return records.map((r) => ({ topic: r.topic, partition: r.partition ?? 0, offset: '0' }));
  }

  async onApplicationShutdown(): Promise<void> {}
}
