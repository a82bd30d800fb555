// Our own partitioner contract: partitioning logic stays plain functions, free of kafkajs, and
// only an adapter in client/ needs to know how kafkajs calls a partitioner.

/** What a partitioner sees of one record about to be sent. */
export interface PartitionerInput {
  /** The topic the record goes to. */
  topic: string;
  /** The serialized key; `null` for a keyless record. */
  key: Buffer | null;
  /** How many partitions the topic has, from the latest metadata. */
  partitionCount: number;
  /**
   * Partitions whose leader is currently available. Only keyless records use it: a keyed record
   * always hashes over every partition, so a broker outage never moves a key (as in Java).
   */
  availablePartitions?: number[];
}

/** Picks the partition, in `[0, partitionCount)`, of one record. */
export type Partitioner = (input: PartitionerInput) => number;

/**
 * Makes a partitioner. Each call returns a fresh one with its own state (round-robin counters),
 * so two producers never share a counter.
 */
export type PartitionerFactory = () => Partitioner;
