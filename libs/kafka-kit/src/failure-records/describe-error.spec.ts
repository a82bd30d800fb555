import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error.js';

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
