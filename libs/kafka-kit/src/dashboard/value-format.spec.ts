import { describe, expect, it } from 'vitest';
import { formatValue, hexDump, MAX_SHOWN_BYTES, parseValueFormat } from './value-format.js';

describe('formatValue', () => {
  it('shows UTF-8 as text, untouched', () => {
    expect(formatValue(Buffer.from('<script>alert(1)</script>'), 'text')).toEqual({
      text: '<script>alert(1)</script>',
      format: 'text',
    });
  });

  it('pretty-prints JSON, and falls back to text when it is not JSON', () => {
    expect(formatValue(Buffer.from('{"a":1}'), 'json').text).toBe('{\n  "a": 1\n}');
    const notJson = formatValue(Buffer.from('nope'), 'json');
    expect(notJson).toMatchObject({ text: 'nope', format: 'text' });
    expect(notJson.note).toMatch(/not JSON/);
  });

  it('dumps bytes that are not UTF-8 as hex', () => {
    const v = formatValue(Buffer.from([0xff, 0xfe, 0x41]), 'text');
    expect(v.format).toBe('hex');
    expect(v.text).toBe('00000000  ff fe 41' + ' '.repeat(47 - 8) + '  ..A');
  });

  it('cuts long values and says so', () => {
    const v = formatValue(Buffer.alloc(MAX_SHOWN_BYTES + 10, 0x61), 'text');
    expect(v.text).toHaveLength(MAX_SHOWN_BYTES);
    expect(v.note).toMatch(/first 65536 of 65546 bytes/);
  });

  it('says null for a tombstone', () => {
    expect(formatValue(null, 'hex').text).toBe('(null)');
  });

  it('accepts only known formats', () => {
    expect(parseValueFormat('hex')).toBe('hex');
    expect(parseValueFormat('<x>')).toBe('text');
    expect(hexDump(Buffer.alloc(17)).split('\n')).toHaveLength(2);
  });
});
