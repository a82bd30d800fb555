/** The partition a record was read from; a batch or a partition's slot is one. */
export interface RecordSource {
  /** The record's topic. */
  readonly topic: string;
  /** The record's partition. */
  readonly partition: number;
}

/** Where a record sits in Kafka: enough for an operator to find it again. */
export interface RecordCoordinates extends RecordSource {
  /** Kafka offsets are 64-bit; kept as the decimal string the broker sent. */
  readonly offset: string;
}

/**
 * A record's coordinates, built where an error needs them: the per-record path passes its
 * batch and the offset, so a record that decodes and validates allocates none.
 */
export function coordinatesOf({ topic, partition }: RecordSource, offset: string): RecordCoordinates {
  return { topic, partition, offset };
}

/** `topic[partition]@offset`, as every error and log line names a record. */
export function describeCoordinates({ topic, partition, offset }: RecordCoordinates): string {
  return `${topic}[${partition}]@${offset}`;
}
