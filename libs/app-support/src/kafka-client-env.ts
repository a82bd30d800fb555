/**
 * The Kafka client from the environment, for every app's KafkaModule options: KAFKA_DRIVER
 * (`kafkajs` by default, or `platformatic`) and KAFKA_GROUP_PROTOCOL (`classic` by default, or
 * `consumer` for KIP-848 with the platformatic driver). Unset means the library's default; a
 * wrong value stops the app with the library's message naming the option.
 */
export function kafkaClientFromEnv(
  env: { KAFKA_DRIVER?: string; KAFKA_GROUP_PROTOCOL?: string } = process.env,
): {
  driver?: 'kafkajs' | 'platformatic';
  groupProtocol?: 'classic' | 'consumer';
} {
  return {
    ...(env.KAFKA_DRIVER ? { driver: env.KAFKA_DRIVER as 'kafkajs' | 'platformatic' } : {}),
    ...(env.KAFKA_GROUP_PROTOCOL
      ? { groupProtocol: env.KAFKA_GROUP_PROTOCOL as 'classic' | 'consumer' }
      : {}),
  };
}
