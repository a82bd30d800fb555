import * as kafka from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { explainPlatformaticError, restartable } from './platformatic-errors.js';

const answer = (apiId: string) => new kafka.ProtocolError(apiId);

describe('restartable', () => {
  it('does not restart after a broker answer that is final, as kafkajs does not', () => {
    const refused = answer('INVALID_SESSION_TIMEOUT');
    expect(restartable(kafka, refused, refused)).toBe(false);
    const wrapped = new kafka.MultipleErrors('joinGroup failed.', [refused]);
    expect(restartable(kafka, wrapped, wrapped)).toBe(false);
  });

  it('restarts after a retriable answer, a call to rejoin, or a failure that is no broker answer', () => {
    for (const error of [
      answer('COORDINATOR_NOT_AVAILABLE'),
      answer('UNKNOWN_MEMBER_ID'),
      new Error('socket hang up'),
    ])
      expect(restartable(kafka, error, error)).toBe(true);
  });

  it('does not restart after a refused authorization', () => {
    const denied = answer('GROUP_AUTHORIZATION_FAILED');
    const explained = explainPlatformaticError(kafka, denied, {
      groupId: 'g',
      topics: ['t'],
      principal: 'User:app',
    });
    expect(explained.name).toBe('KafkaAuthorizationError');
    expect(restartable(kafka, denied, explained)).toBe(false);
  });
});
