// Every metadata key and injection token of the library, in one place.

export const KAFKA_CONSUMER_METADATA = 'nest-kafka-kit:consumer';
export const KAFKA_LISTENER_METADATA = 'nest-kafka-kit:listener';
export const KAFKA_ARGS_METADATA = 'nest-kafka-kit:args';
export const KAFKA_PAYLOAD_SCHEMA_METADATA = 'nest-kafka-kit:payload-schema';

/** The ExecutionContext type guards and interceptors see for Kafka handlers. */
export const KAFKA_CONTEXT_TYPE = 'kafka';

export enum KafkaParamType {
  PAYLOAD,
  KEY,
  HEADERS,
  CONTEXT,
}
