import type { PartitionerFactory } from '../interfaces/partitioner.interface.js';
import type { CompressionCodec } from '../interfaces/producer-options.interface.js';

/** A record ready for the wire: serialized key and value. */
export interface OutgoingRecord {
  topic: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  headers?: Record<string, Buffer | string>;
  /** Epoch ms as a string. */
  timestamp?: string;
}

/** Where the broker stored one record. `offset` is '-1' when acks=0 (nobody answered). */
export interface RecordMetadata {
  /** The topic the record was written to. */
  topic: string;
  /** The partition it was written to. */
  partition: number;
  /** Its offset, as a decimal string (`-1` with acks=0). */
  offset: string;
}

export interface ProducerClientOptions {
  partitioner: PartitionerFactory;
  idempotent: boolean;
  compression: CompressionCodec;
  transactionalId?: string;
}

export interface SendSettings {
  acks: -1 | 0 | 1;
}

/** One open transaction: records and consumer offsets that commit or abort together. */
export interface TransactionHandle {
  send(records: OutgoingRecord[]): Promise<RecordMetadata[]>;
  sendOffsets(groupId: string, topic: string, partition: number, nextOffset: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** A producer, whichever Kafka client drives it, that reports each record's own partition and offset. */
export interface ProducerClient {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Produce requests sent so far (one per broker per send). */
  readonly requestCount: number;
  /**
   * Sends `records` in one call; results are in the order of `records`. Resolves only when every
   * partition written to answered (acks permitting).
   */
  send(records: OutgoingRecord[], settings: SendSettings): Promise<RecordMetadata[]>;
  /** Begins a transaction (the producer needs a transactionalId). */
  beginTransaction(settings: SendSettings): Promise<TransactionHandle>;
}
