import type { KafkaConnection } from '../client/kafka-connection.js';
import { InvalidListenerError } from '../errors/invalid-listener.error.js';
import type { FailureProducer } from '../failure-records/failure-producer.js';
import { retryTopicNames } from '../failure-records/topic-names.js';
import type {
  DeadLetterOptions,
  ErrorHandlingOptions,
  RetryTopicsOptions,
  TerminalOptions,
} from '../interfaces/error-handling-options.interface.js';
import { OrderedRetryState } from '../retry-topics/ordered-retry-state.js';
import { BlockingRetryStrategy } from './blocking-retry.strategy.js';
import { DeadLetterStrategy } from './dead-letter.strategy.js';
import { createErrorClassifier } from './error-classifier.js';
import type { ErrorStrategy } from './error-strategy.js';
import { FailureWriter } from './failure-writer.js';
import { RetryTopicsStrategy } from './retry-topics.strategy.js';
import { SkipStrategy } from './skip.strategy.js';
import { StopOnErrorStrategy } from './stop-on-error.strategy.js';
import { failureTopicsNeedLiteralTopics, orderedRetryNeedsRecordListener } from './strategies.messages.js';

export const DEFAULT_ERROR_HANDLING: ErrorHandlingOptions = { strategy: 'stop' };
export const DEFAULT_RETRY_DELAYS_MS = [1000, 10_000, 60_000];
export const DEFAULT_RETRY_TOPIC_SUFFIX = '.retry.';
export const DEFAULT_RETRY_GROUP_SUFFIX = '.retry';

export interface StrategyDependencies {
  producer: FailureProducer;
  /** Ordered retry rebuilds its state from the retry topics through it. */
  connection: KafkaConnection;
}

/** The listener a strategy is built for. */
export interface StrategyTarget {
  groupId: string;
  /** `Class.method`, for errors. */
  listener: string;
  topics: readonly (string | RegExp)[];
  batch: boolean;
}

type Classifier = (error: unknown) => boolean;

function deadLetterStrategy(
  options: Omit<DeadLetterOptions, 'strategy'>,
  deps: StrategyDependencies,
  isRetryable: Classifier,
): DeadLetterStrategy {
  return new DeadLetterStrategy(
    new FailureWriter(deps.producer, options.writeBackoff),
    { dlqTopic: options.dlqTopic, headerStyle: options.headerStyle ?? 'kit' },
    isRetryable,
  );
}

function terminalStrategy(
  options: TerminalOptions,
  deps: StrategyDependencies,
  isRetryable: Classifier,
): ErrorStrategy {
  switch (options.strategy) {
    case 'stop':
      return new StopOnErrorStrategy(options.scope);
    case 'skip':
      return new SkipStrategy();
    case 'dead-letter':
      return deadLetterStrategy(options, deps, isRetryable);
  }
}

function retryTopicsStrategy(
  options: RetryTopicsOptions,
  target: StrategyTarget,
  deps: StrategyDependencies,
): RetryTopicsStrategy {
  const isRetryable = createErrorClassifier(options.classify);
  const settings = {
    delaysMs: options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS,
    retryTopicSuffix: options.retryTopicSuffix ?? DEFAULT_RETRY_TOPIC_SUFFIX,
    retryGroupSuffix: options.retryGroupSuffix ?? DEFAULT_RETRY_GROUP_SUFFIX,
  };
  const writer = new FailureWriter(deps.producer, options.writeBackoff);
  const deadLetter = deadLetterStrategy(options, deps, isRetryable);
  if (!options.orderedByKey) return new RetryTopicsStrategy(writer, settings, isRetryable, deadLetter);
  if (target.batch) throw new InvalidListenerError(orderedRetryNeedsRecordListener(target.listener));
  const ordered = new OrderedRetryState(deps.connection, target.groupId, (topic) =>
    retryTopicNames(topic, settings.delaysMs.length, settings.retryTopicSuffix),
  );
  return new RetryTopicsStrategy(writer, settings, isRetryable, deadLetter, ordered);
}

/** Strategies that name their topics after each source topic cannot serve a topic pattern. */
function namesTopicsAfterSource(options: ErrorHandlingOptions): boolean {
  return (
    options.strategy === 'retry-topics' ||
    (options.strategy === 'dead-letter' && typeof options.dlqTopic !== 'string') ||
    (options.strategy === 'blocking-retry' &&
      options.then?.strategy === 'dead-letter' &&
      typeof options.then.dlqTopic !== 'string')
  );
}

/**
 * Builds a listener's strategy once, at startup, fully configured from its resolved options.
 * @throws InvalidListenerError when the options cannot work for this listener.
 */
export function createErrorStrategy(
  options: ErrorHandlingOptions,
  target: StrategyTarget,
  deps: StrategyDependencies,
): ErrorStrategy {
  if (namesTopicsAfterSource(options) && target.topics.some((t) => t instanceof RegExp))
    throw new InvalidListenerError(failureTopicsNeedLiteralTopics(target.listener, options.strategy));
  switch (options.strategy) {
    case 'blocking-retry': {
      const isRetryable = createErrorClassifier(options.classify);
      return new BlockingRetryStrategy(
        { attempts: options.attempts ?? 3, backoff: options.backoff ?? {} },
        isRetryable,
        terminalStrategy(options.then ?? { strategy: 'stop' }, deps, isRetryable),
      );
    }
    case 'retry-topics':
      return retryTopicsStrategy(options, target, deps);
    default:
      return terminalStrategy(options, deps, createErrorClassifier());
  }
}
