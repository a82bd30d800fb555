// nest-kafka-kit/testing: helpers for users' own test suites.
export { startEmbeddedKafka } from './embedded-kafka.js';
export type { EmbeddedKafka, EmbeddedKafkaOptions } from './embedded-kafka.js';

// Routing test harness
export { KafkaRoutingHarness } from './kafka-routing-harness.js';
export type { HarnessMessage, RoutingTrace } from './kafka-routing-harness.js';
export type { RoutingOutcome } from './routing-outcome.js';
