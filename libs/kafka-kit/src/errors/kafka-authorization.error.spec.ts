import { describe, expect, it } from 'vitest';
import { KafkaAuthorizationError } from './kafka-authorization.error.js';

describe('KafkaAuthorizationError', () => {
  it('names the principal, the operation and the group', () => {
    const error = new KafkaAuthorizationError({
      resource: 'group',
      names: ['billing'],
      operation: 'READ',
      code: 'GROUP_AUTHORIZATION_FAILED',
      principal: 'User:app',
    });
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(
      /^not authorized: User:app may not READ group "billing" \(GROUP_AUTHORIZATION_FAILED\)/,
    );
  });

  it('lists the topics when the broker does not say which one it refused', () => {
    const error = new KafkaAuthorizationError({
      resource: 'topic',
      names: ['a', 'b'],
      operation: 'READ',
      code: 'TOPIC_AUTHORIZATION_FAILED',
    });
    expect(error.message).toContain('the client may not READ one or more of the topics "a", "b"');
  });
});
