import type { PartitionerFactory } from './partitioner.interface.js';

/**
 * Compression of produced batches. `gzip` is built in; `snappy`, `lz4` and `zstd` need `kafkajs-snappy`,
 * `kafkajs-lz4` or `@bokuweb/zstd-wasm` installed.
 */
export type CompressionCodec = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd';
/** 0 = fire and forget, 1 = the leader wrote it, 'all' = every in-sync replica has it. */
export type Acks = 0 | 1 | 'all';

/** Turns a value into bytes. The default: Buffer and string pass through, anything else is JSON. */
export type Serializer = (value: unknown, topic: string) => Buffer | string | null;

/** `producer` of KafkaModuleOptions: how the injectable KafkaProducer sends. */
export interface ProducerOptions {
  /** @default 'all' */
  acks?: Acks;
  /** 'snappy', 'lz4' and 'zstd' need their codec packages installed (see README). @default 'none' */
  compression?: CompressionCodec;
  /**
   * The broker drops duplicates of retried requests (per partition and session). Needs acks
   * 'all'; one request in flight; kafkajs then retries a send without limit. @default false
   */
  idempotent?: boolean;
  /**
   * How long concurrent `send()` calls may wait to share one produce request.
   * 0 still groups calls made in the same tick.
   * @default 0
   */
  lingerMs?: number;
  /** Records per produce request before it goes out without waiting for `lingerMs`. @default 1000 */
  batchSize?: number;
  /** Chooses the partition of records sent without one. @default murmur2Partitioner (Java-compatible) */
  partitioner?: PartitionerFactory;
  /** @default JSON for objects, pass-through for Buffer and string */
  serializer?: Serializer;
  /** Set to enable `KafkaProducer.transaction()`. Must be stable per producer instance. */
  transactionalId?: string;
}
