// Bad input (issue 16, part 7): a seeded corpus of hostile records (random bytes, truncated and
// 10,000-deep JSON, values near max.message.bytes, tombstones, empty values, invalid UTF-8,
// __proto__ and constructor keys, odd and binary headers, keys of every shape) into a listener
// with a class-validator DTO and a DLQ. No crash; every record handled or dead-lettered with the
// reason its kind calls for (handled + DLQ = sent, none twice); Object.prototype untouched;
// memory flat. CI runs 600 records; RELIABILITY_FULL=1 runs 10,000 (RELIABILITY_SEED picks the
// seed, printed by every run).
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { IsArray, IsInt, IsOptional, IsString } from 'class-validator';
import { Kafka, logLevel } from 'kafkajs';
import { Ctx, KafkaConsumer, KafkaContext, KafkaListener, Payload } from 'nest-kafka-kit';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { corpus, SEQ_HEADER, type Expected } from './bad-input-corpus.js';
import { committedOffsets, endOffsets } from './kafka-inspect.js';
import { kafkaBrokers, startKafkaApp, uniqueName, waitFor } from './support.js';

const FULL = process.env.RELIABILITY_FULL === '1';
const COUNT = FULL ? 10_000 : 600;
const NEAR_MAX = FULL ? 6 : 2;
const SEED = Number(process.env.RELIABILITY_SEED ?? 16);

class CorpusDto {
  @IsString() id!: string;
  @IsInt() n!: number;
  @IsOptional() @IsArray() @IsString({ each: true }) tags?: string[];
}

/** Heap after a full collection, and RSS, in MiB. */
function memory(): { heapMiB: number; rssMiB: number } {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMiB: Math.round(heapUsed / 2 ** 20), rssMiB: Math.round(rss / 2 ** 20) };
}

const kafka = () =>
  new Kafka({ brokers: kafkaBrokers(), clientId: 'test-corpus', logLevel: logLevel.NOTHING });

/**
 * seq -> reason of every record in the DLQ (only the headers are kept: some values are big), and
 * the seqs whose DLQ copy lost a header named like an Object.prototype member.
 */
async function dlqReasons(topic: string, count: number, protoNamed: Set<number>) {
  const reasons = new Map<number, string[]>();
  const lostHeaders: number[] = [];
  let seen = 0;
  const consumer = kafka().consumer({
    groupId: uniqueName('corpus-dlq-reader'),
    maxBytesPerPartition: 2 ** 21,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const seq = Number(String(message.headers?.[SEQ_HEADER]));
        // kafkajs reads these back as [Object.prototype member, value]: the value comes last.
        const last = (name: string) => String([message.headers?.[name]].flat().at(-1));
        if (protoNamed.has(seq) && (last('constructor') !== 'c' || last('__proto__') !== 'p2'))
          lostHeaders.push(seq);
        reasons.set(seq, [...(reasons.get(seq) ?? []), String(message.headers?.['x-dlq-reason'])]);
        seen++;
      },
    });
    await waitFor(`${count} DLQ records read`, () => seen >= count, { timeoutMs: 120_000 });
  } finally {
    await consumer.disconnect();
  }
  return { reasons, lostHeaders };
}

describe(`bad input: ${COUNT} + ${NEAR_MAX} near-max generated records, seed ${SEED}`, () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it(
    'handles or dead-letters every record with its reason, pollutes nothing, and keeps memory flat',
    async () => {
      const topic = uniqueName('corpus');
      const groupId = uniqueName('corpus-group');
      const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
      const handled: number[] = [];
      const oddObjects: string[] = [];

      @Injectable()
      @KafkaConsumer({ groupId, fromBeginning: true, concurrency: 3 })
      class CorpusListener {
        @KafkaListener(topic, { topic: { partitions: 3 }, errorHandling: { strategy: 'dead-letter' } })
        async handle(@Payload() payload: CorpusDto, @Ctx() ctx: KafkaContext) {
          const seq = Number(ctx.headers[SEQ_HEADER]);
          if (Object.getPrototypeOf(payload) !== CorpusDto.prototype) oddObjects.push(`payload of ${seq}`);
          if (Object.getPrototypeOf(ctx.headers) !== Object.prototype) oddObjects.push(`headers of ${seq}`);
          // Headers named like Object.prototype's members arrive as sent.
          const own = (name: string) => Object.getOwnPropertyDescriptor(ctx.headers, name)?.value as unknown;
          if (own('constructor') !== undefined && own('constructor') !== 'c')
            oddObjects.push(`constructor header of ${seq}: ${String(own('constructor'))}`);
          if (own('__proto__') !== undefined && String(own('__proto__')) !== 'p1,p2')
            oddObjects.push(`__proto__ header of ${seq}: ${String(own('__proto__'))}`);
          void ctx.key;
          handled.push(seq);
        }
      }
      app = await startKafkaApp([CorpusListener]);
      const before = memory();

      const expected: Expected[] = [];
      const kinds: string[] = [];
      const protoNamed = new Set<number>();
      const producer = kafka().producer({ idempotent: true });
      await producer.connect();
      const startedAt = Date.now();
      try {
        let chunk: Parameters<typeof producer.send>[0]['messages'] = [];
        let chunkBytes = 0;
        const flush = async () => {
          if (chunk.length > 0) await producer.send({ topic, messages: chunk });
          chunk = [];
          chunkBytes = 0;
        };
        for (const r of corpus(COUNT, SEED, NEAR_MAX)) {
          expected[r.seq] = r.expected;
          kinds[r.seq] = r.kind;
          if (Object.hasOwn(r.headers, '__proto__')) protoNamed.add(r.seq);
          // A batch may not exceed message.max.bytes: big records go alone, the rest by the half MiB.
          const bytes = (r.value?.length ?? 0) + 12_000;
          if (chunkBytes + bytes > 2 ** 19) await flush();
          chunk.push({ key: r.key, value: r.value, headers: r.headers });
          chunkBytes += bytes;
        }
        await flush();
      } finally {
        await producer.disconnect();
      }
      const sent = expected.length;

      // Done when the group has committed every partition to its end: each record was handled,
      // or its DLQ write confirmed.
      const ends = await endOffsets(topic);
      await waitFor(
        'every record handled or dead-lettered, and committed',
        async () => {
          const committed = await committedOffsets(groupId, topic);
          return [...ends].every(([p, end]) => committed.get(p) === end);
        },
        { timeoutMs: FULL ? 600_000 : 120_000, intervalMs: 500 },
      );
      const tookMs = Date.now() - startedAt;
      const after = memory();

      const dlqCount = [...(await endOffsets(`${topic}.dlq`)).values()].reduce((n, o) => n + Number(o), 0);
      const { reasons, lostHeaders } = await dlqReasons(`${topic}.dlq`, dlqCount, protoNamed);
      const wrong: string[] = [];
      const handledSet = new Set(handled);
      for (let seq = 0; seq < sent; seq++) {
        const got = handledSet.has(seq) ? ['handled'] : [];
        got.push(...(reasons.get(seq) ?? []));
        if (got.length !== 1 || got[0] !== expected[seq])
          wrong.push(`#${seq} ${kinds[seq]}: expected ${expected[seq]}, got [${got.join(', ')}]`);
      }
      const byOutcome = (o: Expected) => expected.filter((e) => e === o).length;
      console.log(
        `bad input, seed ${SEED}: ${sent} sent = ${handled.length} handled + ${dlqCount} dead-lettered ` +
          `(${byOutcome('deserialization')} deserialization, ${byOutcome('validation')} validation) in ${tookMs} ms; ` +
          `heap ${before.heapMiB} -> ${after.heapMiB} MiB, RSS ${before.rssMiB} -> ${after.rssMiB} MiB`,
      );
      expect(wrong.slice(0, 20)).toEqual([]);
      expect(handled.length + dlqCount).toBe(sent);
      expect(oddObjects.slice(0, 20)).toEqual([]);
      expect(lostHeaders.slice(0, 20)).toEqual([]);
      expect(protoNamed.size).toBeGreaterThan(0);
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Flat: what the run leaves on the heap after a full collection is small against what went through.
      expect(after.heapMiB - before.heapMiB).toBeLessThan(48);
    },
    FULL ? 900_000 : 120_000,
  );
});
