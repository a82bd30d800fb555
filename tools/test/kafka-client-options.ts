/**
 * The Kafka client the suite runs on: KAFKA_DRIVER (`kafkajs`, the default, or `platformatic`)
 * and KAFKA_GROUP_PROTOCOL (`classic` or `consumer`), spread into every test app's KafkaModule
 * options (child processes included: they inherit the environment), so one suite covers both
 * drivers. Values are passed as given: the module's option validation judges them.
 */
export function kafkaClientOptions(env: NodeJS.ProcessEnv = process.env): {
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

/** True when the suite runs on the platformatic driver (for the few kafkajs-only tests). */
export const onPlatformatic = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.KAFKA_DRIVER === 'platformatic';
