import { kafkaClientFromEnv } from '../../libs/app-support/src/kafka-client-env.js';

/**
 * The Kafka client the suite runs on: KAFKA_DRIVER (`kafkajs`, the default, or `platformatic`)
 * and KAFKA_GROUP_PROTOCOL (`classic` or `consumer`), spread into every test app's KafkaModule
 * options (child processes included: they inherit the environment), so one suite covers both
 * drivers. The example apps read the same variables the same way.
 */
export const kafkaClientOptions = kafkaClientFromEnv;

/** True when the suite runs on the platformatic driver (for the few kafkajs-only tests). */
export const onPlatformatic = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.KAFKA_DRIVER === 'platformatic';

/** True when the suite runs KIP-848's group protocol (the platformatic driver, `consumer`). */
export const onKip848 = (env: NodeJS.ProcessEnv = process.env): boolean =>
  onPlatformatic(env) && env.KAFKA_GROUP_PROTOCOL === 'consumer';

/**
 * KIP-848 on the platformatic driver, for the tests of what only KIP-848 does: they run under it
 * on every pass that runs the platformatic driver (CI's runs the classic protocol), not only on
 * a KIP-848 pass. The environment of a child app that must join the same way.
 */
export const KIP848_OPTIONS = { driver: 'platformatic', groupProtocol: 'consumer' } as const;
export const KIP848_ENV = { KAFKA_DRIVER: 'platformatic', KAFKA_GROUP_PROTOCOL: 'consumer' } as const;
