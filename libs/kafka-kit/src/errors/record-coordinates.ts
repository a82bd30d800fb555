/** Where a record sits in Kafka: enough for an operator to find it again. */
export interface RecordCoordinates {
  /** The record's topic. */
  readonly topic: string;
  /** The record's partition. */
  readonly partition: number;
  /** Kafka offsets are 64-bit; kept as the decimal string the broker sent. */
  readonly offset: string;
}

export function describeCoordinates({ topic, partition, offset }: RecordCoordinates): string {
  return `${topic}[${partition}]@${offset}`;
}
