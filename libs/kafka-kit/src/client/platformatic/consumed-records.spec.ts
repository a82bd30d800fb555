import { describe, expect, it } from 'vitest';
import { toRecordHeaders } from './consumed-records.js';

describe('toRecordHeaders', () => {
  it('keeps every value of a repeated header in order, and prototype names as own values', () => {
    const headers = toRecordHeaders([
      [Buffer.from('a'), Buffer.from('1')],
      [Buffer.from('a'), Buffer.from('2')],
      [Buffer.from('__proto__'), Buffer.from('x')],
      [Buffer.from('empty'), null],
    ]);
    expect(headers.a).toEqual([Buffer.from('1'), Buffer.from('2')]);
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toEqual(Buffer.from('x'));
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(headers.empty).toEqual(Buffer.alloc(0));
  });
});
