import { describe, expect, it } from 'vitest';
import { KafkaKitError } from '../errors/kafka-kit.error.js';
import { failureReasonLabel } from './failure-reason-label.js';

class Fatal extends KafkaKitError {
  readonly retryable = false;
}

describe('failureReasonLabel', () => {
  it('names non-retryable library errors and leaves the rest as error', () => {
    expect(failureReasonLabel(new Fatal('x'))).toBe('non-retryable');
    expect(failureReasonLabel(new Error('x'))).toBe('error');
    expect(failureReasonLabel('thrown string')).toBe('error');
  });
});
