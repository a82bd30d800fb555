/** Injection token of the prom-client Registry the Kafka metrics are registered on. */
export const KAFKA_METRICS_REGISTRY = Symbol('nest-kafka-kit:metrics-registry');

/** Handler duration buckets, in seconds: 1 ms to 30 s. */
export const HANDLER_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
