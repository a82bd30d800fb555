// What tracing tells the user, in one place.

export const tracingOn = (why: string) => `OpenTelemetry tracing on (${why})`;

export const tracingApiMissing = () =>
  'tracing: true, but @opentelemetry/api is not installed: Kafka records are not traced';

export const instrumentationBypassed = () =>
  '@opentelemetry/instrumentation-kafkajs patched kafkajs: nest-kafka-kit makes the Kafka spans of ' +
  'its own clients and uses kafkajs unpatched for them, so no record gets two spans';

export const invalidTracingOption = (value: string) => `expected true, false or 'auto', got ${value}`;
