// A seeded corpus of hostile records for a validated listener (issue 16, part 7): every record
// says what must become of it, so a run checks each one, and a failing seed reproduces exactly.
import type { IHeaders } from 'kafkajs';

/** What must become of a record: handled by the listener, or dead-lettered for this reason. */
export type Expected = 'handled' | 'deserialization' | 'validation';

export interface CorpusRecord {
  seq: number;
  kind: string;
  key: Buffer | string | null;
  value: Buffer | null;
  headers: IHeaders;
  expected: Expected;
}

/** mulberry32: small, fast, and the same sequence for the same seed on every runtime. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The header carrying a record's sequence number, next to whatever odd headers it has. */
export const SEQ_HEADER = 'corpus-seq';
/** Broker default message.max.bytes (1 MiB + 12): "near the maximum" is measured from it. */
export const MAX_MESSAGE_BYTES = 1_048_588;

const DEPTH = 10_000;
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

/** `count` hostile records, then `nearMaxCount` near the size limit; made one at a time (some are big). */
export function* corpus(count: number, seed: number, nearMaxCount: number): Generator<CorpusRecord> {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const valid = () => ({ id: `id-${int(1e9)}`, n: int(1000), tags: ['a', 'b'] });

  const keys: (() => Buffer | string | null)[] = [
    () => null,
    () => '',
    () => `user-${int(100)}`,
    () => bytes(1 + int(64)),
    () => 'k'.repeat(10_000),
    () => '鍵🔑\u0000\u202e',
    () => String(int(1e6)),
  ];
  const oddHeaders: (() => IHeaders)[] = [
    () => ({}),
    () => ({ binary: bytes(1 + int(128)), empty: '' }),
    () => ({ '': 'no name', 'ünï🔑': 'ünïcode', ['x'.repeat(1000)]: 'long name' }),
    () => Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`h${i}`, String(i)])),
    () => ({ dup: ['one', 'two', Buffer.from([0xff, 0xfe])] }),
    // Own properties named like the prototype's: decoders that assign them would corrupt objects.
    () => Object.defineProperty({ constructor: 'c' }, '__proto__', { value: ['p1', 'p2'], enumerable: true }),
  ];
  // As text: JSON.stringify recurses and overflows the stack long before 10,000 levels.
  const deep = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
  const validWithDeep = () => Buffer.from(`${JSON.stringify(valid()).slice(0, -1)},"deep":${deep}}`);
  // Each kind: how its value is made and what must happen to it.
  const kinds: [string, Expected, () => Buffer | null][] = [
    ['valid', 'handled', () => json(valid())],
    ['valid-unicode', 'handled', () => json({ ...valid(), id: 'ünï🔑\u2028' })],
    ['proto-key', 'handled', () => Buffer.from(`{"id":"p","n":1,"__proto__":{"polluted":"yes"}}`)],
    [
      'constructor-key',
      'handled',
      () => Buffer.from(`{"id":"c","n":1,"constructor":{"prototype":{"polluted":"yes"}}}`),
    ],
    [
      'nested-proto',
      'handled',
      () => Buffer.from(`{"id":"q","n":1,"tags":["x"],"x":{"__proto__":{"polluted":"yes"}}}`),
    ],
    // Valid fields beside a 10,000-deep one: class-transformer maps every level before the
    // whitelist strips it, and runs out of stack; the library calls that a validation failure.
    ['deep-object-field', 'validation', validWithDeep],
    ['deep-object', 'validation', () => Buffer.from(deep)],
    ['deep-array', 'validation', () => Buffer.from(`${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`)],
    ['wrong-types', 'validation', () => json({ id: int(10), n: 'x', tags: 'no' })],
    ['json-primitive', 'validation', () => Buffer.from(pick(['null', '42', '"text"', '[]', 'true']))],
    ['tombstone', 'validation', () => null],
    ['empty', 'deserialization', () => Buffer.alloc(0)],
    [
      'truncated-json',
      'deserialization',
      () => {
        const full = validWithDeep();
        return full.subarray(0, 1 + int(full.length - 1));
      },
    ],
    [
      'invalid-utf8',
      'deserialization',
      () => {
        const malformed = pick([[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80]]);
        return Buffer.concat([Buffer.from('{"id":"'), Buffer.from(malformed), Buffer.from('","n":1}')]);
      },
    ],
    // A leading 0xff is never valid UTF-8, so the reason is certain.
    ['random-bytes', 'deserialization', () => Buffer.concat([Buffer.from([0xff]), bytes(int(4096))])],
  ];

  const withSeq = (seq: number, headers: IHeaders): IHeaders => ({ ...headers, [SEQ_HEADER]: String(seq) });
  for (let seq = 0; seq < count; seq++) {
    const [kind, expected, value] = pick(kinds);
    yield {
      seq,
      kind,
      key: pick(keys)(),
      value: value(),
      headers: withSeq(seq, pick(oddHeaders)()),
      expected,
    };
  }
  // Values near the broker's limit, valid and not: the DLQ copy of the invalid ones is larger
  // than the record itself (its headers), which the DLQ topic must still accept.
  for (let i = 0; i < nearMaxCount; i++) {
    const size = MAX_MESSAGE_BYTES - 200 - int(2000);
    const handled = i % 2 === 0;
    const prefix = handled ? '{"id":"big","n":1,"tags":["' : '{"id":"big","n":1,"tags":[';
    const filler = 'x'.repeat(size - prefix.length - 3);
    yield {
      seq: count + i,
      kind: handled ? 'near-max-valid' : 'near-max-truncated',
      key: `big-${i}`,
      value: Buffer.from(handled ? `${prefix}${filler}"]}` : `${prefix}"${filler}`),
      headers: withSeq(count + i, {}),
      expected: handled ? 'handled' : 'deserialization',
    };
  }
}
