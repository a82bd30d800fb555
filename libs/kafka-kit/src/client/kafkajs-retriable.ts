import { createRequire } from 'node:module';

interface ProtocolErrorCode {
  readonly message: string;
  readonly retriable: boolean;
}

// kafkajs does not export its table of protocol errors, yet it is the one place that knows which
// broker answers are retriable; reading it keeps this list exact across kafkajs patches.
const { errorCodes } = createRequire(import.meta.url)('kafkajs/src/protocol/error.js') as {
  errorCodes: readonly ProtocolErrorCode[];
};

/** The texts of the broker's retriable answers ("This server does not host this topic-partition", ...). */
const RETRIABLE_MESSAGES: ReadonlySet<string> = new Set(
  errorCodes.filter((e) => e.retriable).map((e) => e.message),
);

/** How kafkajs logs a consumer that crashed on one broker answer (and restarts). */
const CRASH_ON_ANSWER = 'Crash: KafkaJSProtocolError: ';

/** The fields of a kafkajs log entry this check reads. */
export interface KafkajsLogEntry {
  readonly message: string;
  readonly error?: unknown;
}

/** True for one retriable broker answer, e.g. a coordinator still loading; never for "retries exceeded". */
export function isRetriableProtocolError(error: Error): boolean {
  return error.name === 'KafkaJSProtocolError' && RETRIABLE_MESSAGES.has(error.message);
}

/**
 * True when a kafkajs ERROR/WARN line reports a broker answer kafkajs retries by itself: a fresh
 * broker electing leaders ("This server is not the leader for that topic-partition"), a group
 * coordinator still loading ("The group coordinator is not available"; the consumer crashes on
 * it and restarts at once). Those lines are noise on a healthy start. Only the bare answer
 * matches: a failure that outlives the retries ("Crash: KafkaJSNumberOfRetriesExceeded: ...",
 * "Failed to send messages: ...") still logs at its level, saying what failed and why.
 */
export function isRetriableBrokerAnswer(entry: KafkajsLogEntry): boolean {
  if (typeof entry.error === 'string') return RETRIABLE_MESSAGES.has(entry.error);
  const { message } = entry;
  const answer = message.startsWith(CRASH_ON_ANSWER) ? message.slice(CRASH_ON_ANSWER.length) : message;
  return RETRIABLE_MESSAGES.has(answer);
}
