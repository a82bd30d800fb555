import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { KafkaConnection } from '../client/kafka-connection.js';
import type { OutgoingRecord, ProducerClient, RecordMetadata } from '../client/producer-client.js';
import { murmur2Partitioner } from '../producer/murmur2-partitioner.js';

/**
 * The producer of DLQ and retry records, apart from the app's KafkaProducer: always acks=all
 * and never lingering, because the source offset is committed only once the broker confirmed.
 */
@Injectable()
export class FailureProducer implements OnApplicationShutdown {
  private readonly client: ProducerClient;
  private connecting?: Promise<void>;

  constructor(connection: KafkaConnection) {
    this.client = connection.createProducer({
      partitioner: murmur2Partitioner,
      idempotent: false,
      compression: 'none',
    });
  }

  /** Resolves once every in-sync replica has the records. */
  async send(records: OutgoingRecord[]): Promise<RecordMetadata[]> {
    this.connecting ??= this.client.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    await this.connecting;
    return this.client.send(records, { acks: -1 });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connecting) await this.client.disconnect();
  }
}
