import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { KafkaConnection } from '../client/kafka-connection.js';
import type { OutgoingRecord, ProducerClient, RecordMetadata } from '../client/producer-client.js';
import { LingerBatcher } from '../producer/linger-batcher.js';
import { murmur2Partitioner } from '../producer/murmur2-partitioner.js';

/**
 * The producer of DLQ and retry records, apart from the app's KafkaProducer: always acks=all,
 * because the source offset is committed only once the broker confirmed. Writes made in the
 * same tick (several partitions failing, or one partition going on while its writes are in
 * flight) share a produce request.
 */
@Injectable()
export class FailureProducer implements OnApplicationShutdown {
  private readonly client: ProducerClient;
  private readonly batcher: LingerBatcher<OutgoingRecord, RecordMetadata>;
  private connecting?: Promise<void>;

  constructor(connection: KafkaConnection) {
    this.client = connection.createProducer({
      partitioner: murmur2Partitioner,
      idempotent: false,
      compression: 'none',
    });
    this.batcher = new LingerBatcher({ flush: (records) => this.flush(records), lingerMs: 0 });
  }

  /** Resolves once every in-sync replica has the records. */
  send(records: OutgoingRecord[]): Promise<RecordMetadata[]> {
    return Promise.all(records.map((r) => this.batcher.add(r)));
  }

  private async flush(records: OutgoingRecord[]): Promise<RecordMetadata[]> {
    this.connecting ??= this.client.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    await this.connecting;
    return this.client.send(records, { acks: -1 });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.batcher.flushNow();
    if (this.connecting) await this.client.disconnect();
  }
}
