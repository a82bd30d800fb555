import { KafkaAuthorizationError } from '../../errors/kafka-authorization.error.js';
import type { ConsumerEvents } from '../consumer-client.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import type { PlatformaticConsumerSettings } from './platformatic-options.js';

const GROUP_DENIED = 'GROUP_AUTHORIZATION_FAILED';
const TOPIC_DENIED = 'TOPIC_AUTHORIZATION_FAILED';

/** True for a failure @platformatic/kafka marks retriable (a dropped connection, a moved leader). */
export function isRetriable(kafka: PlatformaticKafka, error: unknown): boolean {
  const e = error as Error;
  if (e instanceof Error && e.cause && !kafka.GenericError.isGenericError(e))
    return isRetriable(kafka, e.cause);
  return (
    kafka.NetworkError.isRetryable(e) ||
    kafka.findErrorBy(e, 'canRetry', true) !== null ||
    kafka.findErrorBy(e, 'hasStaleMetadata', true) !== null
  );
}

/**
 * Whether a consumer may restart after `error` (`explained` is what it reports): not after a
 * refused authorization, nor after a broker answer that is neither retriable nor a call to rejoin
 * (INVALID_SESSION_TIMEOUT, say), after which kafkajs does not restart either: the crash then
 * stays, for liveness to report.
 */
export function restartable(kafka: PlatformaticKafka, error: unknown, explained: Error): boolean {
  if (explained.name === 'KafkaAuthorizationError') return false;
  const refusal = kafka.findErrorBy(error as Error, 'code', kafka.ProtocolError.code) as {
    canRetry?: boolean;
    needsRejoin?: boolean;
  } | null;
  return refusal === null || refusal.canRetry !== false || refusal.needsRejoin === true;
}

/**
 * One error whose message tells the whole chain: @platformatic/kafka wraps the cause of a failed
 * connection (a refused SASL authentication, an untrusted certificate) in errors that say only
 * that no broker could be reached. The original stays the cause; credentials are never in it.
 */
export function withCauses(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const messages: string[] = [];
  const visit = (e: unknown, depth: number) => {
    if (!(e instanceof Error) || depth > 6) return;
    if (e.message && !messages.includes(e.message)) messages.push(e.message);
    for (const inner of (e as { errors?: unknown[] }).errors ?? []) visit(inner, depth + 1);
    visit(e.cause, depth + 1);
  };
  visit(error, 0);
  if (messages.length <= 1) return error;
  const told = new Error(messages.join(': '), { cause: error });
  told.name = error.name;
  return told;
}

/** True when the broker answered `apiId` (e.g. TOPIC_ALREADY_EXISTS) anywhere in the error. */
export function answered(kafka: PlatformaticKafka, error: unknown, apiId: string): boolean {
  for (
    let e = error as Error | undefined, depth = 0;
    e && depth < 6;
    e = e.cause as Error | undefined, depth++
  )
    if (kafka.findErrorBy(e, 'apiId', apiId) !== null) return true;
  return false;
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
  const cause = withCauses(error);
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

/** How a consumer tells a failure it cannot get past, and whether it goes on fetching (restarts wanted). */
export function crashEvent(
  kafka: PlatformaticKafka,
  options: Pick<PlatformaticConsumerSettings, 'groupId' | 'principal' | 'restartOnCrash'>,
  topics: string[],
  error: unknown,
  missingTopics?: string[],
): ConsumerEvents['crashed'] {
  const { groupId, principal, restartOnCrash } = options;
  const explained = explainPlatformaticError(kafka, error, { groupId, topics, principal });
  const restart = restartOnCrash && restartable(kafka, error, explained);
  return { error: explained, restart, transient: false, missingTopics };
}
