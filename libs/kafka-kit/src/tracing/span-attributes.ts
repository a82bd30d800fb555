// OpenTelemetry's messaging semantic conventions (v1.27+), as plain strings: the
// semantic-conventions package would be one more dependency for a dozen names.
export const ATTR = {
  system: 'messaging.system',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  destination: 'messaging.destination.name',
  partition: 'messaging.destination.partition.id',
  consumerGroup: 'messaging.consumer.group.name',
  offset: 'messaging.kafka.offset',
  key: 'messaging.kafka.message.key',
  batchCount: 'messaging.batch.message_count',
  errorType: 'error.type',
  /** What the error strategy did with a failed record (its verdict: dead-lettered, stop, ...). */
  outcome: 'nest_kafka_kit.outcome',
} as const;

export const KAFKA = 'kafka';
