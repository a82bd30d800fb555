import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import {
  ConsumerStateService,
  deadLetter,
  DLQ_HEADERS,
  KafkaConsumer,
  KafkaKitError,
  KafkaListener,
  KafkaProducer,
  Payload,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOffsets, endOffsets, kcatReadAll, readAll, withAdmin } from './kafka-inspect.js';
import { createTopics, startKafkaApp, uniqueName, waitFor } from './support.js';

class OrderDto {
  @IsString() id!: string;
  @IsIn(['ok', 'flaky', 'fatal', 'route']) kind!: string;
}

class FatalOrderError extends KafkaKitError {
  readonly retryable = false;
}

// Inputs by id: what each kind of record is and where it must end up.
const KINDS = { ok: 20, flaky: 3, fatal: 3, route: 2 } as const;
const EXPECTED_REASON: Record<string, string> = {
  flaky: 'failed',
  fatal: 'non-retryable',
  route: 'handler-routed',
  invalid: 'validation',
  garbage: 'deserialization',
};

function inputs(): { key: string; value: unknown }[] {
  const out: { key: string; value: unknown }[] = [];
  for (const [kind, n] of Object.entries(KINDS))
    for (let i = 0; i < n; i++) out.push({ key: `${kind}-${i}`, value: { id: `${kind}-${i}`, kind } });
  out.push({ key: 'invalid-0', value: { id: 'invalid-0', kind: 'bogus' } });
  out.push({ key: 'invalid-1', value: { id: 42, kind: 'ok' } });
  out.push({ key: 'garbage-0', value: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) });
  out.push({ key: 'garbage-1', value: '{"id": "unterminated' });
  return out;
}

describe('dead letter queue', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('routes every bad record to <topic>.dlq with raw bytes and the header contract, and loses none', async () => {
    const topic = uniqueName('dlq-orders');
    const groupId = uniqueName('dlq-orders-group');
    const handled: string[] = [];
    const flakySeen = new Set<string>();

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Orders {
      @KafkaListener(topic, { topic: { partitions: 2 }, errorHandling: { strategy: 'dead-letter' } })
      async handle(@Payload() order: OrderDto) {
        if (order.kind === 'flaky' && !flakySeen.has(order.id)) {
          flakySeen.add(order.id);
          throw new Error('inventory service unavailable');
        }
        if (order.kind === 'fatal') throw new FatalOrderError(`order ${order.id} cannot be fulfilled`);
        if (order.kind === 'route') return deadLetter('customer opted out');
        handled.push(order.id);
      }
    }

    app = await startKafkaApp([Orders]);
    const sent = inputs();
    await app.get(KafkaProducer).send(
      topic,
      sent.map((m) => ({ ...m, headers: { 'trace-id': `t-${m.key}` } })),
    );

    const badCount = sent.length - KINDS.ok;
    const dlq = await readAll(`${topic}.dlq`, badCount);
    expect(dlq).toHaveLength(badCount);
    await waitFor('every ok record handled', () => handled.length >= KINDS.ok);

    // Nothing lost: every input is handled or dead-lettered, exactly once.
    const dlqKeys = dlq.map((r) => r.key!.toString());
    expect([...handled, ...dlqKeys].sort()).toEqual(sent.map((m) => m.key).sort());

    for (const r of dlq) {
      const key = r.key!.toString();
      const input = sent.find((m) => m.key === key)!;
      const raw = Buffer.isBuffer(input.value)
        ? input.value
        : Buffer.from(typeof input.value === 'string' ? input.value : JSON.stringify(input.value));
      expect(r.value!.equals(raw), `${key} byte-for-byte`).toBe(true);
      expect(r.headers['trace-id']).toBe(`t-${key}`);
      expect(r.headers[DLQ_HEADERS.reason], key).toBe(EXPECTED_REASON[key.split('-')[0]!]);
      expect(r.headers[DLQ_HEADERS.originalTopic]).toBe(topic);
      expect(r.headers[DLQ_HEADERS.originalPartition]).toBe(String(r.partition));
      expect(r.headers[DLQ_HEADERS.consumerGroup]).toBe(groupId);
      expect(r.headers[DLQ_HEADERS.attempts]).toBe('1');
      expect(Number(r.headers[DLQ_HEADERS.failedAt])).toBeGreaterThan(0);
      expect(r.headers[DLQ_HEADERS.errorClass]).toBeTruthy();
      expect(Buffer.byteLength(r.headers[DLQ_HEADERS.errorStack] ?? '')).toBeLessThanOrEqual(4096);
    }

    // Everything, bad records included, is committed once recorded.
    const end = await endOffsets(topic);
    await waitFor('the group to commit up to the end', async () => {
      const committed = await committedOffsets(groupId, topic);
      return [...end].every(([p, high]) => committed.get(p) === high);
    });
  });

  it('writes headers that kcat (not our client) reads, in kit and Spring styles', async () => {
    const topic = uniqueName('dlq-kcat');
    const springTopic = uniqueName('dlq-kcat-spring');
    const done: string[] = [];

    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('dlq-kcat-group'), fromBeginning: true })
    class Failing {
      @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling: { strategy: 'dead-letter' } })
      async kit(@Payload() value: { id: string }) {
        done.push(value.id);
        throw new Error(`cannot handle ${value.id}`);
      }

      @KafkaListener(springTopic, {
        topic: { partitions: 1 },
        errorHandling: { strategy: 'dead-letter', headerStyle: 'spring' },
      })
      async spring(@Payload() value: { id: string }) {
        done.push(value.id);
        throw new Error(`cannot handle ${value.id}`);
      }
    }

    app = await startKafkaApp([Failing]);
    const producer = app.get(KafkaProducer);
    await producer.send(topic, { key: 'k1', value: { id: 'kit-1' } });
    await producer.send(springTopic, { key: 'k2', value: { id: 'spring-1' } });

    const [kit] = await waitFor('kcat to read the kit-style DLQ record', async () => {
      const got = await kcatReadAll(`${topic}.dlq`);
      return got.length > 0 && got;
    });
    expect(kit!.key).toBe('k1');
    expect(JSON.parse(kit!.payload!)).toEqual({ id: 'kit-1' });
    expect(kit!.headers).toMatchObject({
      [DLQ_HEADERS.originalTopic]: topic,
      [DLQ_HEADERS.originalPartition]: '0',
      [DLQ_HEADERS.originalOffset]: '0',
      [DLQ_HEADERS.errorClass]: 'Error',
      [DLQ_HEADERS.errorMessage]: 'cannot handle kit-1',
      [DLQ_HEADERS.reason]: 'failed',
      [DLQ_HEADERS.attempts]: '1',
    });
    // Every header of the contract but the failed span's id, written only when tracing is on.
    for (const name of Object.values(DLQ_HEADERS).filter((n) => n !== DLQ_HEADERS.failedSpanId))
      expect(kit!.headers, name).toHaveProperty(name);

    const [spring] = await waitFor('kcat to read the Spring-style DLQ record', async () => {
      const got = await kcatReadAll(`${springTopic}.dlq`);
      return got.length > 0 && got;
    });
    expect(spring!.headers).toMatchObject({
      'kafka_dlt-original-topic': springTopic,
      'kafka_dlt-exception-fqcn': 'Error',
      'kafka_dlt-exception-message': 'cannot handle spring-1',
      'kafka_dlt-original-consumer-group': expect.any(String),
    });
  });

  it('commits nothing while the DLQ cannot be written, shows it, and goes on once it can', async () => {
    const topic = uniqueName('dlq-down');
    const dlqTopic = uniqueName('dlq-down-missing');
    const groupId = uniqueName('dlq-down-group');
    const handled: string[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Poisoned {
      @KafkaListener(topic, {
        topic: { partitions: 1 },
        // A named DLQ is not created by the library; it is missing until the test creates it.
        errorHandling: { strategy: 'dead-letter', dlqTopic, writeBackoff: { initialMs: 200, maxMs: 1000 } },
      })
      async handle(@Payload() value: { id: string }) {
        if (value.id === 'poison') throw new Error('poison');
        handled.push(value.id);
      }
    }

    app = await startKafkaApp([Poisoned], {
      retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 300 },
    });
    await app
      .get(KafkaProducer)
      .send(topic, [{ value: { id: 'a' } }, { value: { id: 'poison' } }, { value: { id: 'b' } }]);

    const state = app.get(ConsumerStateService);
    const stopped = await waitFor('health to show the failing DLQ write', () =>
      state.get(groupId)?.stoppedPartitions.find((s) => s.topic === topic),
    );
    expect(stopped.offset).toBe('1');
    expect(stopped.error).toContain(dlqTopic);
    // The partition may handle the records after the poison while its write is in flight, but
    // 'a' at most is committed: not the poison record (offset 1), nor anything after it.
    expect(handled[0]).toBe('a');
    const before = await committedOffsets(groupId, topic);
    expect(['-1', '1']).toContain(before.get(0));

    await withAdmin((admin) => createTopics(admin, [{ topic: dlqTopic, numPartitions: 1 }]));
    await waitFor('b handled after the DLQ write succeeded', () => handled.includes('b'), {
      timeoutMs: 30_000,
    });
    const [dead] = await readAll(dlqTopic, 1);
    expect(JSON.parse(dead!.value!.toString())).toEqual({ id: 'poison' });
    await waitFor(
      'the group to commit past the poison record',
      async () => (await committedOffsets(groupId, topic)).get(0) === '3',
    );
    expect(state.get(groupId)?.stoppedPartitions).toEqual([]);
  });
});
