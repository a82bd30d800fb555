import { describe, expect, it } from 'vitest';
import { errorSummary } from './error-summary.js';

describe('errorSummary', () => {
  it('gives an error as "Name: message" and anything else as text', () => {
    expect(errorSummary(new TypeError('bad type'))).toBe('TypeError: bad type');
    expect(errorSummary(42)).toBe('42');
  });
});
