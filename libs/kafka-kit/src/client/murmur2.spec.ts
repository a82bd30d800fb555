import { describe, expect, it } from 'vitest';
import { murmur2, murmur2Partition } from './murmur2.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('murmur2', () => {
  // Vectors from Kafka's own UtilsTest.testMurmur2 (clients module).
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j like the Java client', (key, expected) => {
    expect(murmur2(bytes(key))).toBe(expected);
  });

  // Checked against Utils.murmur2 of kafka-clients 4.3.1: the empty key and multi-byte UTF-8
  // (bytes >= 0x80 must be read unsigned).
  it('hashes the empty key and non-ASCII bytes like the Java client', () => {
    expect(murmur2(new Uint8Array())).toBe(275646681);
    expect(murmur2(bytes('é€x'))).toBe(1061775224);
  });

  it('maps a negative hash to a non-negative partition by masking the sign bit', () => {
    expect(murmur2Partition(bytes('21'), 7)).toBe((-973932308 & 0x7fffffff) % 7);
    expect(murmur2Partition(bytes('21'), 7)).toBeGreaterThanOrEqual(0);
  });
});
