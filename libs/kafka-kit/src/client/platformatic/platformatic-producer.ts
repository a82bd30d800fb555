import type { Producer, ProducerOptions } from '@platformatic/kafka';
import type { Partitioner } from '../../interfaces/partitioner.interface.js';
import type {
  OutgoingRecord,
  ProducerClient,
  ProducerClientOptions,
  RecordMetadata,
  SendSettings,
  TransactionHandle,
} from '../producer-client.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { sendPerPartition, toMessages } from './partitioned-send.js';
import { PlatformaticTransactions } from './platformatic-transaction.js';

/**
 * A @platformatic/kafka producer. Partitions are chosen here, by the library's own partitioner
 * (murmur2 by default, as the Java client), so both drivers put a key on the same partition;
 * @platformatic/kafka answers per partition with its base offset, from which each record's own
 * offset follows.
 */
export class PlatformaticProducerClient implements ProducerClient {
  private readonly producer: Producer<Buffer, Buffer, Buffer, Buffer>;
  private readonly partitioner: Partitioner;
  private readonly transactions: PlatformaticTransactions;
  private produceRequests = 0;

  constructor(kafka: PlatformaticKafka, base: object, options: ProducerClientOptions) {
    this.partitioner = options.partitioner();
    this.producer = new kafka.Producer<Buffer, Buffer, Buffer, Buffer>({
      ...base,
      idempotent: options.idempotent,
      compression: options.compression,
      ...(options.transactionalId ? { transactionalId: options.transactionalId } : {}),
    } as ProducerOptions<Buffer, Buffer, Buffer, Buffer>);
    this.transactions = new PlatformaticTransactions(kafka, base, this.producer);
  }

  async connect(): Promise<void> {
    // Connections open on the first send; metadata is fetched then.
  }

  async disconnect(): Promise<void> {
    await this.transactions.close();
    await this.producer.close();
  }

  /** Produce requests sent so far (one per partition per send: see partitioned-send.ts). */
  get requestCount(): number {
    return this.produceRequests;
  }

  send(records: OutgoingRecord[], settings: SendSettings): Promise<RecordMetadata[]> {
    return this.sendVia(records, settings, this.producer);
  }

  private async sendVia(
    records: OutgoingRecord[],
    settings: SendSettings,
    via: Parameters<typeof sendPerPartition>[0],
    beforeSend?: (messages: ReturnType<typeof toMessages>, metadata: object) => Promise<void>,
  ): Promise<RecordMetadata[]> {
    if (records.length === 0) return [];
    const topics = [...new Set(records.map((r) => r.topic))];
    const metadata = await this.producer.metadata({ topics });
    const messages = toMessages(records, metadata, this.partitioner);
    await beforeSend?.(messages, metadata);
    const results = sendPerPartition(via, messages, settings.acks);
    this.produceRequests += new Set(messages.map((m) => `${m.topic}/${m.partition}`)).size;
    return results;
  }

  /** Begins a transaction (the producer needs a transactionalId). */
  async beginTransaction(settings: SendSettings): Promise<TransactionHandle> {
    const tx = await this.transactions.begin();
    return {
      send: (records) => this.sendVia(records, settings, tx.via, tx.addPartitions),
      sendOffsets: tx.sendOffsets,
      commit: tx.commit,
      abort: tx.abort,
    };
  }
}
