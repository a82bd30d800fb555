import { describe, expect, it } from 'vitest';
import { isRetriableBrokerAnswer, isRetriableProtocolError } from './kafkajs-retriable.js';

describe('isRetriableBrokerAnswer', () => {
  it.each([
    'This server does not host this topic-partition',
    'This server is not the leader for that topic-partition',
    'There is no leader for this topic-partition as we are in the middle of a leadership election',
    'The group coordinator is not available',
    "The coordinator is loading and hence can't process requests for this group",
  ])('a response carrying "%s" is a retriable answer', (error) => {
    expect(isRetriableBrokerAnswer({ message: 'Response Metadata(key: 3, version: 6)', error })).toBe(true);
  });

  it('a retriable answer logged as the line itself (the broker pool retrying) matches too', () => {
    expect(isRetriableBrokerAnswer({ message: 'The group coordinator is not available' })).toBe(true);
  });

  it('a consumer crash on one retriable answer (it restarts at once) matches', () => {
    const message =
      "Crash: KafkaJSProtocolError: The coordinator is loading and hence can't process requests for this group";
    expect(isRetriableBrokerAnswer({ message })).toBe(true);
  });

  it.each([
    { message: 'Response SaslAuthenticate(key: 36, version: 1)', error: 'Authentication failed' },
    { message: 'Crash: KafkaJSNumberOfRetriesExceeded: The group coordinator is not available' },
    { message: 'Failed to send messages: This server does not host this topic-partition' },
    { message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092' },
    {
      message: 'Response Produce(key: 0, version: 7)',
      error: 'The request included a message larger than the max message size the server will accept',
    },
  ])('a real failure is not: $message', (entry) => {
    expect(isRetriableBrokerAnswer(entry)).toBe(false);
  });
});

describe('isRetriableProtocolError', () => {
  const error = (name: string, message: string) => Object.assign(new Error(message), { name });

  it('is true for one retriable broker answer', () => {
    expect(
      isRetriableProtocolError(error('KafkaJSProtocolError', 'The group coordinator is not available')),
    ).toBe(true);
  });

  it('is false once retries ran out, and for a non-retriable answer', () => {
    expect(
      isRetriableProtocolError(
        error('KafkaJSNumberOfRetriesExceeded', 'The group coordinator is not available'),
      ),
    ).toBe(false);
    expect(isRetriableProtocolError(error('KafkaJSProtocolError', 'Not authorized to access group'))).toBe(
      false,
    );
  });
});
