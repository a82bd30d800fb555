/**
 * nest-kafka-kit/testing: helpers for users' own test suites: a routing harness that runs
 * listeners without a broker, and a real embedded Kafka.
 * @module nest-kafka-kit/testing
 */
export { startEmbeddedKafka } from './embedded-kafka.js';
export type { EmbeddedKafka, EmbeddedKafkaOptions } from './embedded-kafka.js';

// Routing test harness
export { KafkaRoutingHarness } from './kafka-routing-harness.js';
export type { HarnessMessage, RoutingTrace } from './kafka-routing-harness.js';
export type { RoutingOutcome } from './routing-outcome.js';
