import { describe, expect, it } from 'vitest';
import { createErrorClassifier } from './error-classifier.js';
import { DeserializationError } from '../errors/deserialization.error.js';
import { PayloadValidationError } from '../errors/payload-validation.error.js';

class Timeout extends Error {}
class Forbidden extends Error {}
const at = { topic: 't', partition: 0, offset: '1' };

describe('createErrorClassifier', () => {
  it('never retries deserialization and validation errors by default, retries unknown errors', () => {
    const isRetryable = createErrorClassifier();
    expect(isRetryable(new DeserializationError(at, 'not-json'))).toBe(false);
    expect(isRetryable(new PayloadValidationError(at, []))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(true);
    expect(isRetryable('a string')).toBe(true);
  });

  it('applies the predicate, then nonRetryable, then retryable', () => {
    const isRetryable = createErrorClassifier({
      isRetryable: (e) => (e instanceof Error && e.message === 'yes' ? true : undefined),
      nonRetryable: [Forbidden, Error],
      retryable: [Timeout],
    });
    expect(isRetryable(new Forbidden('yes'))).toBe(true);
    expect(isRetryable(new Forbidden('no'))).toBe(false);
    expect(isRetryable(new Timeout('t'))).toBe(false);
    expect(createErrorClassifier({ nonRetryable: [Forbidden] })(new Timeout())).toBe(true);
  });
});
