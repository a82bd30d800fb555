import type { Kafka, Message, Partitioners, Producer, Transaction } from 'kafkajs';
import type { Partitioner, PartitionerFactory } from '../interfaces/partitioner.interface.js';
import { KAFKAJS_COMPRESSION, registerCompressionCodec } from './compression-codecs.js';
import type {
  OutgoingRecord,
  ProducerClient,
  ProducerClientOptions,
  RecordMetadata,
  SendSettings,
  TransactionHandle,
} from './producer-client.js';
import { ProduceNotAcknowledgedError } from '../errors/produce-not-acknowledged.error.js';
import { unacknowledged } from './unacknowledged.js';

type PartitionedMessage = Message & { partition?: number };

/** Sends of one batch (the first and its resends) before a partition's silence is an error. */
const MAX_SENDS = 5;

/** Adapts our partitioner to kafkajs and records its choice on the message, to match results. */
function toKafkajsPartitioner(factory: PartitionerFactory): (typeof Partitioners)['DefaultPartitioner'] {
  return () => {
    const partitioner: Partitioner = factory();
    return ({ topic, partitionMetadata, message }) => {
      const m = message as PartitionedMessage;
      if (m.partition === undefined) {
        const key = m.key == null ? null : typeof m.key === 'string' ? Buffer.from(m.key) : m.key;
        m.partition = partitioner({ topic, key, partitionCount: partitionMetadata.length });
      }
      return m.partition;
    };
  };
}

/** A kafkajs producer that sends records and reports each record's own partition and offset. */
export class KafkajsProducerClient implements ProducerClient {
  private readonly producer: Producer;
  private produceRequests = 0;

  constructor(
    kafka: Kafka,
    private readonly options: ProducerClientOptions,
  ) {
    this.producer = kafka.producer({
      createPartitioner: toKafkajsPartitioner(options.partitioner),
      idempotent: options.idempotent,
      transactionalId: options.transactionalId,
      // kafkajs keeps per-partition sequence numbers right only with one request in flight.
      maxInFlightRequests: options.idempotent ? 1 : undefined,
      allowAutoTopicCreation: false,
    });
    this.producer.on(this.producer.events.REQUEST, ({ payload }) => {
      if (payload.apiName === 'Produce') this.produceRequests++;
    });
  }

  async connect(): Promise<void> {
    await registerCompressionCodec(this.options.compression);
    await this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /** Produce requests sent so far (one per broker per send). */
  get requestCount(): number {
    return this.produceRequests;
  }

  /** Sends `records` in one kafkajs call; results are in the order of `records`. */
  send(records: OutgoingRecord[], settings: SendSettings): Promise<RecordMetadata[]> {
    return this.sendVia(records, settings, this.producer);
  }

  private async sendVia(records: OutgoingRecord[], settings: SendSettings, via: Producer | Transaction) {
    const byTopic = new Map<string, PartitionedMessage[]>();
    const messages: PartitionedMessage[] = new Array(records.length);
    for (let i = 0; i < records.length; i++) {
      const r = records[i]!;
      const m: PartitionedMessage = {
        key: r.key,
        value: r.value,
        headers: r.headers,
        timestamp: r.timestamp,
        partition: r.partition,
      };
      messages[i] = m;
      let list = byTopic.get(r.topic);
      if (!list) byTopic.set(r.topic, (list = []));
      list.push(m);
    }
    const compression = KAFKAJS_COMPRESSION[this.options.compression];
    let topicMessages = [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs }));
    const acked = await via.sendBatch({ acks: settings.acks, compression, topicMessages });
    // A partition kafkajs resolved without an answer was not written (see unacknowledged.ts):
    // send its records again. Idempotent producers keep their sequence numbers, so the broker
    // drops a record it already has; without idempotence a resend is at-least-once like a retry.
    for (let sends = 1; settings.acks !== 0; sends++) {
      topicMessages = unacknowledged(topicMessages, acked);
      if (topicMessages.length === 0) break;
      if (sends === MAX_SENDS) {
        const partitions = topicMessages.flatMap(({ topic, messages: m }) => [
          ...new Set(m.map((x) => `${topic}/${x.partition}`)),
        ]);
        throw new ProduceNotAcknowledgedError(partitions, sends);
      }
      acked.push(...(await via.sendBatch({ acks: settings.acks, compression, topicMessages })));
    }
    return assignOffsets(records, messages, acked);
  }

  /** Begins a transaction (the producer needs a transactionalId). */
  async beginTransaction(settings: SendSettings): Promise<TransactionHandle> {
    const tx = await this.producer.transaction();
    return {
      send: (records) => this.sendVia(records, settings, tx),
      sendOffsets: (groupId, topic, partition, nextOffset) =>
        tx.sendOffsets({
          consumerGroupId: groupId,
          topics: [{ topic, partitions: [{ partition, offset: nextOffset }] }],
        }),
      commit: () => tx.commit(),
      abort: () => tx.abort(),
    };
  }
}

/** kafkajs answers per partition (base offset); each record's offset follows its place in it. */
function assignOffsets(
  records: OutgoingRecord[],
  messages: PartitionedMessage[],
  acked: { topicName: string; partition: number; baseOffset?: string }[],
): RecordMetadata[] {
  // The next offset of each answered partition, by topic: a record costs two map lookups, not a
  // key string built for it.
  const next = new Map<string, Map<number, bigint>>();
  for (const a of acked) {
    if (a.baseOffset === undefined || a.baseOffset === '-1') continue;
    let partitions = next.get(a.topicName);
    if (!partitions) next.set(a.topicName, (partitions = new Map()));
    partitions.set(a.partition, BigInt(a.baseOffset));
  }
  return records.map((r, i) => {
    const partition = messages[i]!.partition ?? -1;
    const partitions = next.get(r.topic);
    const base = partitions?.get(partition);
    if (base === undefined) return { topic: r.topic, partition, offset: '-1' };
    partitions!.set(partition, base + 1n);
    return { topic: r.topic, partition, offset: base.toString() };
  });
}
