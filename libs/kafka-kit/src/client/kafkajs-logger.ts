import { Logger } from '@nestjs/common';
import type { logCreator, logLevel as LogLevel } from 'kafkajs';
import { logLevel } from './kafkajs.js';
import type { KafkaLogLevel } from '../interfaces/kafka-module-options.interface.js';

export const KAFKAJS_LOG_LEVEL: Record<KafkaLogLevel, LogLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

/** Routes kafkajs' own logs through Nest's Logger at the matching level (context "Kafka"). */
export const nestLogCreator: logCreator = () => {
  const logger = new Logger('Kafka');
  return ({ namespace, level, log }) => {
    const { message, timestamp: _ts, logger: _l, ...extra } = log;
    const detail = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : '';
    const line = `[${namespace}] ${message}${detail}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
};
