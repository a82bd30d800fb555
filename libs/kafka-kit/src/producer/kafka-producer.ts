import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { KafkaConnection } from '../client/kafka-connection.js';
import type {
  OutgoingRecord,
  ProducerClient,
  RecordMetadata,
  TransactionHandle,
} from '../client/producer-client.js';
import type { Acks, ProducerOptions } from '../interfaces/producer-options.interface.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { MODULE_OPTIONS_TOKEN } from '../options/kafka.module-definition.js';
import { LingerBatcher } from './linger-batcher.js';
import { murmur2Partitioner } from './murmur2-partitioner.js';
import { defaultSerializer } from './default-serializer.js';
import { KafkaTracing } from '../tracing/kafka-tracing.js';

export type { RecordMetadata } from '../client/producer-client.js';

/** One record to send. `value` is serialized by the producer's serializer (JSON by default). */
export interface ProducerMessage<V = unknown> {
  /** The payload: serialized by `producer.serializer` (a Buffer or string as-is, anything else as JSON). */
  value: V;
  /** String or bytes; records with the same key go to the same partition. */
  key?: string | Buffer | null;
  /** Record headers; a `traceparent` you set is kept when tracing is on. */
  headers?: Record<string, string | Buffer>;
  /** Bypasses the partitioner. */
  partition?: number;
  /** Record timestamp. @default the time of sending */
  timestamp?: number | Date;
}

/** Producer statistics since startup. */
export interface ProducerStats {
  /** Records the brokers acknowledged since startup. */
  recordsSent: number;
  /** Produce requests sent to brokers: with lingering, far fewer than records. */
  produceRequests: number;
}

const ACKS: Record<string, -1 | 0 | 1> = { all: -1, '0': 0, '1': 1 };

/** The payload type of each topic: `{ click_log: Click; 'rt.enrolled': Enrolled }`. */
// `any`, not `unknown`: interfaces (no index signature) must fit the constraint, and a producer
// fetched untyped from the container (`app.get(KafkaProducer)`) must still accept any topic.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TopicMap = Record<string, any>;

/**
 * Sends records, typed by a map of topic -> payload type (`KafkaProducer<MyTopics>`); inject it
 * anywhere `KafkaModule` is imported. Concurrent `send()` calls within `lingerMs` share one
 * produce request; keys are partitioned with murmur2 like Java's producer, unless
 * `producer.partitioner` says otherwise.
 */
@Injectable()
export class KafkaProducer<TTopics extends TopicMap = TopicMap> implements OnApplicationShutdown {
  private readonly options: ProducerOptions;
  private readonly client: ProducerClient;
  private readonly batcher: LingerBatcher<OutgoingRecord, RecordMetadata>;
  private readonly acks: -1 | 0 | 1;
  private connecting?: Promise<void>;
  private recordsSent = 0;

  /** @internal Nest injects the producer; it is not constructed by hand. */
  constructor(
    connection: KafkaConnection,
    @Inject(MODULE_OPTIONS_TOKEN) moduleOptions: KafkaModuleOptions,
    private readonly tracing: KafkaTracing,
  ) {
    this.options = moduleOptions.producer ?? {};
    const idempotent = this.options.idempotent ?? false;
    this.acks = ACKS[String(this.options.acks ?? ('all' satisfies Acks))]!;
    this.client = connection.createProducer({
      partitioner: this.options.partitioner ?? murmur2Partitioner,
      idempotent,
      compression: this.options.compression ?? 'none',
      transactionalId: this.options.transactionalId,
    });
    const batcher = new LingerBatcher<OutgoingRecord, RecordMetadata>({
      flush: (records) => this.flush(records),
      lingerMs: this.options.lingerMs ?? 0,
      batchSize: this.options.batchSize ?? 1000,
      maxInFlight: idempotent ? 1 : 5,
    });
    // Tracing wraps the one entry every sent record takes; without it, that entry is untouched.
    const traced = tracing.producer(batcher.add.bind(batcher));
    if (traced) batcher.add = traced;
    this.batcher = batcher;
  }

  /** Connects now instead of at the first send (the module does this at startup). */
  connect(): Promise<void> {
    this.connecting ??= this.client.connect().catch((err: unknown) => {
      this.connecting = undefined;
      throw err;
    });
    return this.connecting;
  }

  /** Sends one record; resolves once the broker has it (per `acks`) with its partition and offset. */
  send<T extends keyof TTopics & string>(
    topic: T,
    message: ProducerMessage<TTopics[T]>,
  ): Promise<RecordMetadata>;
  /** Sends several records; resolves with each record's partition and offset, in order. */
  send<T extends keyof TTopics & string>(
    topic: T,
    messages: ProducerMessage<TTopics[T]>[],
  ): Promise<RecordMetadata[]>;
  send<T extends keyof TTopics & string>(
    topic: T,
    messages: ProducerMessage<TTopics[T]> | ProducerMessage<TTopics[T]>[],
  ): Promise<RecordMetadata | RecordMetadata[]> {
    if (Array.isArray(messages))
      return Promise.all(messages.map((m) => this.batcher.add(this.toRecord(topic, m))));
    return this.batcher.add(this.toRecord(topic, messages));
  }

  /**
   * Runs `work` in a Kafka transaction (needs `producer.transactionalId`): records sent through
   * the given sender, and consumer offsets passed to `sendOffsets`, commit or abort together.
   */
  async transaction<R>(work: (tx: KafkaTransaction<TTopics>) => Promise<R>): Promise<R> {
    await this.connect();
    const tx = await this.client.beginTransaction({ acks: this.acks });
    const send = (records: OutgoingRecord[]) => tx.send(records);
    try {
      const sender = new KafkaTransaction<TTopics>(tx, this.tracing.transaction(send) ?? send, (t, m) =>
        this.toRecord(t, m),
      );
      const result = await work(sender);
      await tx.commit();
      return result;
    } catch (err) {
      await tx.abort();
      throw err;
    }
  }

  /** Records and produce requests sent since startup. */
  stats(): ProducerStats {
    return { recordsSent: this.recordsSent, produceRequests: this.client.requestCount };
  }

  /** Sends what is lingering, then disconnects. */
  async onApplicationShutdown(): Promise<void> {
    await this.batcher.flushNow();
    if (this.connecting) await this.client.disconnect();
  }

  private toRecord(topic: string, m: ProducerMessage): OutgoingRecord {
    const serialize = this.options.serializer ?? defaultSerializer;
    return {
      topic,
      key: m.key ?? null,
      value: serialize(m.value, topic),
      headers: m.headers,
      partition: m.partition,
      timestamp:
        m.timestamp === undefined
          ? undefined
          : String(m.timestamp instanceof Date ? m.timestamp.getTime() : m.timestamp),
    };
  }

  private async flush(records: OutgoingRecord[]): Promise<RecordMetadata[]> {
    await this.connect();
    const results = await this.client.send(records, { acks: this.acks });
    this.recordsSent += records.length;
    return results;
  }
}

/** The sending side of one transaction. */
export class KafkaTransaction<TTopics extends TopicMap> {
  /** @internal Made by `KafkaProducer.transaction()`. */
  constructor(
    private readonly tx: TransactionHandle,
    /** The transaction's send, traced when tracing is on. */
    private readonly sendRecords: (records: OutgoingRecord[]) => Promise<RecordMetadata[]>,
    private readonly toRecord: (topic: string, m: ProducerMessage) => OutgoingRecord,
  ) {}

  /**
   * Sends records within the transaction; resolves with each record's partition and offset, visible to
   * `read_committed` readers only once the transaction commits.
   */
  send<T extends keyof TTopics & string>(
    topic: T,
    messages: ProducerMessage<TTopics[T]>[],
  ): Promise<RecordMetadata[]> {
    return this.sendRecords(messages.map((m) => this.toRecord(topic, m)));
  }

  /**
   * Commits `groupId`'s position (`nextOffset` = the consumed record's offset + 1) with the
   * transaction: consume-transform-produce, exactly once.
   */
  sendOffsets(groupId: string, topic: string, partition: number, nextOffset: string): Promise<void> {
    return this.tx.sendOffsets(groupId, topic, partition, nextOffset);
  }
}
