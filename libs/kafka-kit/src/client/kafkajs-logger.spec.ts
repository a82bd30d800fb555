import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logLevel } from './kafkajs.js';
import { nestLogCreator } from './kafkajs-logger.js';

/** The level each line reached Nest's Logger at. */
function levelsOf(entries: { namespace: string; level: number; message: string; extra?: object }[]) {
  const seen: string[] = [];
  for (const level of ['error', 'warn', 'log', 'debug'] as const)
    vi.spyOn(Logger.prototype, level).mockImplementation(() => void seen.push(level));
  const log = nestLogCreator(logLevel.DEBUG);
  for (const { namespace, level, message, extra } of entries)
    log({ namespace, level, label: '', log: { timestamp: '', logger: 'kafkajs', message, ...extra } });
  return seen;
}

describe('the kafkajs log bridge', () => {
  afterEach(() => vi.restoreAllMocks());

  it('keeps a real failure at its level', () => {
    expect(
      levelsOf([
        {
          namespace: 'Connection',
          level: logLevel.ERROR,
          message: 'Connection error: connect ECONNREFUSED 127.0.0.1:1',
        },
        {
          namespace: 'Consumer',
          level: logLevel.ERROR,
          message: 'Crash: KafkaJSNumberOfRetriesExceeded: The group coordinator is not available',
          extra: { groupId: 'g' },
        },
        {
          namespace: 'Consumer',
          level: logLevel.ERROR,
          message: 'Restarting the consumer in 300ms',
          extra: { groupId: 'g' },
        },
        {
          namespace: 'Producer',
          level: logLevel.WARN,
          message: 'Failed to send messages: The request timed out',
        },
      ]),
    ).toEqual(['error', 'error', 'error', 'warn']);
  });

  it('puts error answers (thrown to their requester), retriable answers and the restart after one at debug', () => {
    expect(
      levelsOf([
        {
          namespace: 'Connection',
          level: logLevel.ERROR,
          message: 'Response CreateTopics(key: 19, version: 3)',
          extra: { error: 'Topic creation errors' },
        },
        { namespace: 'BrokerPool', level: logLevel.ERROR, message: 'The group coordinator is not available' },
        {
          namespace: 'Consumer',
          level: logLevel.ERROR,
          message: 'Crash: KafkaJSProtocolError: The group coordinator is not available',
          extra: { groupId: 'g' },
        },
        {
          namespace: 'Consumer',
          level: logLevel.ERROR,
          message: 'Restarting the consumer in 300ms',
          extra: { groupId: 'g' },
        },
      ]),
    ).toEqual(['debug', 'debug', 'debug', 'debug']);
  });
});
