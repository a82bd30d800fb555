import type { Kafka } from 'kafkajs';
import { KafkaAuthorizationError } from '../errors/kafka-authorization.error.js';
import { withTimeout } from './with-timeout.js';

const GROUP_DENIED = 'GROUP_AUTHORIZATION_FAILED';
const TOPIC_DENIED = 'TOPIC_AUTHORIZATION_FAILED';
// The crash is reported after this at the latest, explained or not (the brokers may be down).
const PROBE_TIMEOUT_MS = 5000;

/** The Kafka error code names along an error's cause chain (kafkajs wraps protocol errors). */
export function errorTypes(error: unknown): string[] {
  const types: string[] = [];
  for (let e = error as { type?: unknown; cause?: unknown; originalError?: unknown } | undefined; e;) {
    if (typeof e.type === 'string') types.push(e.type);
    e = (e.cause ?? e.originalError) as typeof e | undefined;
  }
  return types;
}

/**
 * kafkajs turns a FindCoordinator answered with GROUP_AUTHORIZATION_FAILED into "Failed to find
 * group coordinator" and drops the code (it logs it at debug level only). Asking one broker
 * directly gets the code back. kafkajs exposes no such call, so this goes through its private
 * cluster factory (kafkajs 2.2.4, its last release); any surprise there means "not known".
 */
async function coordinatorRefusal(kafka: Kafka, groupId: string): Promise<string | undefined> {
  const create = Object.getOwnPropertySymbols(kafka).find(
    (s) => s.description === 'private:Kafka:createCluster',
  );
  if (!create) return undefined;
  type Cluster = {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    brokerPool: { seedBroker: { findGroupCoordinator(a: { groupId: string }): Promise<unknown> } };
  };
  const cluster = (kafka as unknown as Record<symbol, (o: object) => Cluster>)[create]!({
    allowAutoTopicCreation: false,
  });
  try {
    await cluster.connect();
    await cluster.brokerPool.seedBroker.findGroupCoordinator({ groupId });
    return undefined;
  } catch (error) {
    return errorTypes(error)[0];
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}

/**
 * The consumer's crash error, or a KafkaAuthorizationError naming what the broker refused (the
 * group, or the topics read) and to whom, when an ACL is the cause.
 */
export async function explainCrash(
  kafka: Kafka,
  error: Error,
  context: { groupId: string; topics: string[]; principal?: string },
): Promise<Error> {
  const { groupId, topics, principal } = context;
  const types = errorTypes(error);
  if (types.includes(TOPIC_DENIED))
    return new KafkaAuthorizationError(
      { resource: 'topic', names: topics, operation: 'READ', code: TOPIC_DENIED, principal },
      { cause: error },
    );
  const groupDenied =
    types.includes(GROUP_DENIED) ||
    (error.name === 'KafkaJSGroupCoordinatorNotFound' &&
      (await withTimeout(coordinatorRefusal(kafka, groupId), PROBE_TIMEOUT_MS, 'FindCoordinator').catch(
        () => undefined,
      )) === GROUP_DENIED);
  if (groupDenied)
    return new KafkaAuthorizationError(
      { resource: 'group', names: [groupId], operation: 'READ', code: GROUP_DENIED, principal },
      { cause: error },
    );
  return error;
}
