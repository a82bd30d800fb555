import { Logger } from '@nestjs/common';
import type { logCreator, logLevel as LogLevel } from 'kafkajs';
import { logLevel } from './kafkajs.js';
import { isRetriableBrokerAnswer } from './kafkajs-retriable.js';
import type { KafkaLogLevel } from '../interfaces/kafka-module-options.interface.js';

export const KAFKAJS_LOG_LEVEL: Record<KafkaLogLevel, LogLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/** kafkajs' line after a consumer crash that it recovers from by itself. */
const RESTARTING = /^Restarting the consumer in /;

/**
 * True for kafkajs' connection logging an error answer. The same error is thrown to whoever made
 * the request, which retries it or fails saying what it was doing; logging it here too is noise
 * (e.g. "Topic creation errors" when two apps create the same topic at once, handled by the
 * topic provisioning).
 */
const answeredWithError = (namespace: string, message: string): boolean =>
  namespace === 'Connection' && message.startsWith('Response ');

/**
 * Routes kafkajs' own logs through Nest's Logger at the matching level (context "Kafka"), except
 * that a broker's error answer (its requester handles it), a retriable answer kafkajs is about to
 * retry (leader election, a coordinator loading), and the consumer restart that follows a crash
 * on one go to debug: a healthy start against a fresh broker prints no ERROR line.
 */
export const nestLogCreator: logCreator = () => {
  const logger = new Logger('Kafka');
  // Groups whose last crash was on a retriable answer: their "Restarting the consumer" is routine.
  const routineCrash = new Set<string>();
  return ({ namespace, level, log }) => {
    const { message, timestamp: _ts, logger: _l, ...extra } = log;
    const detail = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
    const line = `[${namespace}] ${message}${detail}`;
    const groupId = typeof extra.groupId === 'string' ? extra.groupId : '';
    let routine =
      answeredWithError(namespace, message) || (level <= logLevel.WARN && isRetriableBrokerAnswer(log));
    if (message.startsWith('Crash: ')) {
      if (routine) routineCrash.add(groupId);
      else routineCrash.delete(groupId);
    } else if (RESTARTING.test(message)) routine = routineCrash.delete(groupId);
    if (routine) logger.debug(line);
    else if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
};
