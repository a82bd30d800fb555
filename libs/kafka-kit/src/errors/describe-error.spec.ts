import { describe, expect, it } from 'vitest';
import { describeError, errorSummary } from './describe-error.js';

describe('describeError', () => {
  it('cuts the stack to 4 KiB of valid UTF-8', () => {
    const e = new Error('m');
    e.stack = 'é'.repeat(5000);
    const { stack } = describeError(e);
    expect(Buffer.byteLength(stack)).toBeLessThanOrEqual(4096);
    expect(stack).not.toContain('\uFFFD');
  });

  it('describes thrown non-errors', () => {
    expect(describeError('oops')).toEqual({ className: 'string', message: 'oops', stack: '' });
  });
});

describe('errorSummary', () => {
  it('gives an error as "Name: message" and anything else as text', () => {
    expect(errorSummary(new TypeError('bad type'))).toBe('TypeError: bad type');
    expect(errorSummary(42)).toBe('42');
  });
});
