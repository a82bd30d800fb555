// nest-kafka-kit/testing: helpers for users' own test suites.
export { startEmbeddedKafka } from './embedded-kafka.js';
export type { EmbeddedKafka, EmbeddedKafkaOptions } from './embedded-kafka.js';
