import { describe, expect, it } from 'vitest';
import { headerValues, setHeader } from './record-headers.js';

describe('record headers', () => {
  it('leaves out the Object.prototype member kafkajs puts before a header named like it', () => {
    const decoded = { constructor: [Object, Buffer.from('c')], dup: ['a', 'b'], one: 'x' } as never;
    expect(headerValues(decoded, 'constructor')).toEqual([Buffer.from('c')]);
    expect(headerValues(decoded, 'dup')).toEqual(['a', 'b']);
    expect(headerValues(decoded, 'one')).toEqual(['x']);
    expect(headerValues(decoded, 'missing')).toEqual([]);
  });

  it('sets __proto__ as a header, not as the prototype', () => {
    const out: Record<string, string> = {};
    setHeader(out, '__proto__', 'p');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
