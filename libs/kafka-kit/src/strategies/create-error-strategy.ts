import type { ConsumerStateService } from '../consumer/consumer-state.service.js';
import type {
  DeadLetterOptions,
  ErrorHandlingOptions,
  TerminalOptions,
} from '../interfaces/error-handling-options.interface.js';
import { BlockingRetryStrategy } from './blocking-retry.strategy.js';
import { DeadLetterStrategy } from './dead-letter.strategy.js';
import { createErrorClassifier } from './error-classifier.js';
import type { ErrorStrategy } from './error-strategy.js';
import type { FailureProducer } from '../failure-records/failure-producer.js';
import { FailureWriter } from './failure-writer.js';
import { RetryTopicsStrategy } from './retry-topics.strategy.js';
import { SkipStrategy } from './skip.strategy.js';
import { StopOnErrorStrategy } from './stop-on-error.strategy.js';

export const DEFAULT_ERROR_HANDLING: ErrorHandlingOptions = { strategy: 'stop' };
export const DEFAULT_RETRY_DELAYS_MS = [1000, 10_000, 60_000];
export const DEFAULT_RETRY_TOPIC_SUFFIX = '.retry.';
export const DEFAULT_RETRY_GROUP_SUFFIX = '.retry';

export interface StrategyDependencies {
  producer: FailureProducer;
  state: ConsumerStateService;
}

function deadLetterStrategy(
  options: Omit<DeadLetterOptions, 'strategy'>,
  deps: StrategyDependencies,
  isRetryable: (error: unknown) => boolean,
): DeadLetterStrategy {
  return new DeadLetterStrategy(
    new FailureWriter(deps.producer, deps.state, options.writeBackoff),
    { dlqTopic: options.dlqTopic, headerStyle: options.headerStyle ?? 'kit' },
    isRetryable,
  );
}

function terminalStrategy(
  options: TerminalOptions,
  deps: StrategyDependencies,
  isRetryable: (error: unknown) => boolean,
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

/** Builds a listener's strategy once, at startup, from its resolved options. */
export function createErrorStrategy(
  options: ErrorHandlingOptions,
  deps: StrategyDependencies,
): ErrorStrategy {
  switch (options.strategy) {
    case 'blocking-retry': {
      const isRetryable = createErrorClassifier(options.classify);
      return new BlockingRetryStrategy(
        { attempts: options.attempts ?? 3, backoff: options.backoff ?? {} },
        isRetryable,
        terminalStrategy(options.then ?? { strategy: 'stop' }, deps, isRetryable),
      );
    }
    case 'retry-topics': {
      const isRetryable = createErrorClassifier(options.classify);
      return new RetryTopicsStrategy(
        new FailureWriter(deps.producer, deps.state, options.writeBackoff),
        {
          delaysMs: options.delaysMs ?? DEFAULT_RETRY_DELAYS_MS,
          retryTopicSuffix: options.retryTopicSuffix ?? DEFAULT_RETRY_TOPIC_SUFFIX,
          retryGroupSuffix: options.retryGroupSuffix ?? DEFAULT_RETRY_GROUP_SUFFIX,
        },
        isRetryable,
        deadLetterStrategy(options, deps, isRetryable),
      );
    }
    default:
      return terminalStrategy(options, deps, createErrorClassifier());
  }
}
