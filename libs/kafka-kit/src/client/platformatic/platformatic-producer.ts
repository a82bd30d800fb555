import type { MessageToProduce, Producer, ProducerOptions } from '@platformatic/kafka';
import type { Partitioner } from '../../interfaces/partitioner.interface.js';
import type {
  OutgoingRecord,
  ProducerClient,
  ProducerClientOptions,
  RecordMetadata,
  SendSettings,
  TransactionHandle,
} from '../producer-client.js';
import { transactionsUnsupported } from './platformatic.messages.js';
import type { PlatformaticKafka } from './load-platformatic.js';

const toBuffer = (v: Buffer | string | null): Buffer | undefined =>
  v === null ? undefined : typeof v === 'string' ? Buffer.from(v) : v;

/**
 * A @platformatic/kafka producer. Partitions are chosen here, by the library's own partitioner
 * (murmur2 by default, as the Java client), so both drivers put a key on the same partition;
 * @platformatic/kafka answers per partition with its base offset, from which each record's own
 * offset follows.
 */
export class PlatformaticProducerClient implements ProducerClient {
  private readonly producer: Producer;
  private readonly partitioner: Partitioner;
  private produceRequests = 0;

  constructor(kafka: PlatformaticKafka, base: object, options: ProducerClientOptions) {
    this.partitioner = options.partitioner();
    this.producer = new kafka.Producer<Buffer, Buffer, Buffer, Buffer>({
      ...base,
      idempotent: options.idempotent,
      compression: options.compression,
    } as ProducerOptions<Buffer, Buffer, Buffer, Buffer>);
  }

  async connect(): Promise<void> {
    // Connections open on the first send; metadata is fetched then.
  }

  disconnect(): Promise<void> {
    return this.producer.close();
  }

  get requestCount(): number {
    return this.produceRequests;
  }

  async send(records: OutgoingRecord[], settings: SendSettings): Promise<RecordMetadata[]> {
    if (records.length === 0) return [];
    const topics = [...new Set(records.map((r) => r.topic))];
    const metadata = await this.producer.metadata({ topics });
    const leaders = new Set<number>();
    const messages: MessageToProduce[] = records.map((r) => {
      const key = toBuffer(r.key);
      const partitionCount = metadata.topics.get(r.topic)!.partitionsCount;
      const partition = r.partition ?? this.partitioner({ topic: r.topic, key: key ?? null, partitionCount });
      leaders.add(metadata.topics.get(r.topic)!.partitions[partition]?.leader ?? -1);
      const headers = new Map<Buffer, Buffer>();
      for (const [name, value] of Object.entries(r.headers ?? {}))
        headers.set(Buffer.from(name), toBuffer(value)!);
      return {
        topic: r.topic,
        partition,
        key,
        value: toBuffer(r.value),
        headers,
        ...(r.timestamp !== undefined ? { timestamp: BigInt(r.timestamp) } : {}),
      };
    });
    const result = await this.producer.send({ messages, acks: settings.acks });
    this.produceRequests += leaders.size;
    const next = new Map<string, bigint>();
    for (const o of result.offsets ?? []) next.set(`${o.topic}\u0000${o.partition}`, o.offset);
    return messages.map((m) => {
      const slot = `${m.topic}\u0000${m.partition}`;
      const base = next.get(slot);
      if (base === undefined || base < 0n) return { topic: m.topic, partition: m.partition!, offset: '-1' };
      next.set(slot, base + 1n);
      return { topic: m.topic, partition: m.partition!, offset: base.toString() };
    });
  }

  /** Never reached: the driver refuses `producer.transactionalId` at startup. */
  beginTransaction(): Promise<TransactionHandle> {
    return Promise.reject(new Error(transactionsUnsupported));
  }
}
