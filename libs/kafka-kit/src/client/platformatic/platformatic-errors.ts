import { KafkaAuthorizationError } from '../../errors/kafka-authorization.error.js';
import type { PlatformaticKafka } from './load-platformatic.js';

const GROUP_DENIED = 'GROUP_AUTHORIZATION_FAILED';
const TOPIC_DENIED = 'TOPIC_AUTHORIZATION_FAILED';

/** True for a failure @platformatic/kafka marks retriable (a dropped connection, a moved leader). */
export function isRetriable(kafka: PlatformaticKafka, error: unknown): boolean {
  const e = error as Error;
  return (
    kafka.NetworkError.isRetryable(e) ||
    kafka.findErrorBy(e, 'canRetry', true) !== null ||
    kafka.findErrorBy(e, 'hasStaleMetadata', true) !== null
  );
}

/** True when the broker answered `apiId` (e.g. TOPIC_ALREADY_EXISTS) anywhere in the error. */
export function answered(kafka: PlatformaticKafka, error: unknown, apiId: string): boolean {
  return kafka.findErrorBy(error as Error, 'apiId', apiId) !== null;
}

/**
 * The error as thrown, or a KafkaAuthorizationError naming what the broker refused (the group, or
 * the topics read) and to whom, when an ACL is the cause. @platformatic/kafka keeps the broker's
 * code on the error (`apiId`), so nothing needs asking again.
 */
export function explainPlatformaticError(
  kafka: PlatformaticKafka,
  error: unknown,
  context: { groupId: string; topics: string[]; principal?: string },
): Error {
  const { groupId, topics, principal } = context;
  const cause = error instanceof Error ? error : new Error(String(error));
  if (answered(kafka, error, TOPIC_DENIED))
    return new KafkaAuthorizationError(
      { resource: 'topic', names: topics, operation: 'READ', code: TOPIC_DENIED, principal },
      { cause },
    );
  if (answered(kafka, error, GROUP_DENIED))
    return new KafkaAuthorizationError(
      { resource: 'group', names: [groupId], operation: 'READ', code: GROUP_DENIED, principal },
      { cause },
    );
  return cause;
}
