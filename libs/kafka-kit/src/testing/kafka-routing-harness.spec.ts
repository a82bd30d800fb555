import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsString } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaConsumer } from '../consumer/decorators/kafka-consumer.decorator.js';
import { KafkaListener } from '../consumer/decorators/kafka-listener.decorator.js';
import { Payload } from '../consumer/decorators/kafka-params.decorators.js';
import { KafkaKitError } from '../errors/kafka-kit.error.js';
import { deadLetter } from '../strategies/listener-routing.js';
import { KafkaModule } from '../module/kafka.module.js';
import { KafkaProducer } from '../producer/kafka-producer.js';
import { KafkaRoutingHarness } from './kafka-routing-harness.js';

class Enrolled {
  @IsString() id!: string;
  @IsString() course!: string;
}

class UnknownCourse extends KafkaKitError {
  readonly retryable = false;
}

const flaky = new Map<string, number>();

@Injectable()
@KafkaConsumer({ groupId: 'notifications' })
class Notifications {
  constructor(private readonly producer: KafkaProducer) {}

  @KafkaListener('rt.enrolled', { errorHandling: { strategy: 'retry-topics', delaysMs: [1000, 60_000] } })
  async enrolled(@Payload() e: Enrolled) {
    if (e.course === 'unknown') throw new UnknownCourse('no such course');
    if (e.course === 'opted-out') return deadLetter('student opted out');
    if (e.course === 'flaky') {
      const n = (flaky.get(e.id) ?? 0) + 1;
      flaky.set(e.id, n);
      if (n < 3) throw new Error('tutor service down');
    }
    if (e.course === 'empty-tutors') throw new Error('empty tutor list');
  }

  @KafkaListener('cdc.enrollments')
  async cdc(@Payload() row: { id: string }) {
    if (row.id === 'bad') throw new Error('constraint violated');
  }

  @KafkaListener('audit', { errorHandling: { strategy: 'skip' } })
  async audit(@Payload() row: { id: string }) {
    if (row.id === 'bad') throw new Error('cannot audit');
  }

  @KafkaListener('rt.enrolled.ordered', {
    errorHandling: { strategy: 'retry-topics', delaysMs: [1000, 2000], orderedByKey: true },
  })
  async ordered(@Payload() e: { id: string; seq: number }) {
    if (e.id === 'flaky' && !flaky.has(`ordered-${e.seq}`)) {
      flaky.set(`ordered-${e.seq}`, 1);
      throw new Error('not yet');
    }
    await this.producer.send('notifications', { key: e.id, value: { seq: e.seq } });
  }

  @KafkaListener('billing', {
    errorHandling: { strategy: 'blocking-retry', attempts: 3, backoff: { initialMs: 1, jitter: 0 } },
  })
  async billing(@Payload() row: { id: string }) {
    const n = (flaky.get(row.id) ?? 0) + 1;
    flaky.set(row.id, n);
    if (n < 2) throw new Error('billing busy');
  }
}

describe('KafkaRoutingHarness', () => {
  let harness: KafkaRoutingHarness | undefined;
  afterEach(() => harness?.close());

  const create = () =>
    KafkaRoutingHarness.create(
      Test.createTestingModule({
        imports: [KafkaModule.forRoot({ brokers: 'unused:9092' })],
        providers: [Notifications],
      }),
    );

  it('says where each input to a retry-topics listener ends up, without a broker', async () => {
    harness = await create();
    const before = Date.now();
    expect(await harness.send('rt.enrolled', { value: { id: 'e1', course: 'math' } })).toEqual({
      kind: 'handled',
      attempt: 0,
    });
    expect(await harness.send('rt.enrolled', { value: 'not json' })).toMatchObject({
      kind: 'dead-lettered',
      dlqTopic: 'rt.enrolled.dlq',
      reason: 'deserialization',
    });
    expect(await harness.send('rt.enrolled', { value: { id: 7 } })).toMatchObject({ reason: 'validation' });
    expect(await harness.send('rt.enrolled', { value: { id: 'e2', course: 'unknown' } })).toMatchObject({
      kind: 'dead-lettered',
      reason: 'non-retryable',
      attempts: 1,
      error: 'UnknownCourse: no such course',
    });
    expect(await harness.send('rt.enrolled', { value: { id: 'e3', course: 'opted-out' } })).toMatchObject({
      reason: 'handler-routed',
    });
    const retried = await harness.send('rt.enrolled', { key: 'e4', value: { id: 'e4', course: 'flaky' } });
    expect(retried).toMatchObject({ kind: 'retried', retryTopic: 'rt.enrolled.retry.1', attempt: 1 });
    expect(retried.kind === 'retried' && retried.dueAt).toBeGreaterThanOrEqual(before + 1000);
    await harness.send('rt.enrolled', { key: 'e5', value: { id: 'e5', course: 'empty-tutors' } });

    const traces = await harness.deliverRetries();
    const e4 = traces.find((t) => t.key === 'e4')!;
    expect(e4.outcomes.map((o) => o.kind)).toEqual(['retried', 'retried', 'handled']);
    expect(e4.final).toEqual({ kind: 'handled', attempt: 2 });
    const e5 = traces.find((t) => t.key === 'e5')!;
    expect(e5.final).toMatchObject({ kind: 'dead-lettered', reason: 'retries-exhausted', attempts: 3 });
  });

  it('reports stopped, skipped and recovered-in-place records', async () => {
    harness = await create();
    expect(await harness.send('cdc.enrollments', { value: { id: 'bad' } })).toEqual({
      kind: 'stopped',
      error: 'Error: constraint violated',
    });
    expect(await harness.send('cdc.enrollments', { value: { id: 'ok' } })).toEqual({
      kind: 'handled',
      attempt: 0,
    });
    expect(await harness.send('audit', { value: { id: 'bad' } })).toEqual({
      kind: 'skipped',
      error: 'Error: cannot audit',
    });
    expect(await harness.send('billing', { value: { id: 'b1' } })).toEqual({ kind: 'handled', attempt: 0 });
  });

  it('follows ordered retry: later records of a key in retry are parked and handled after it', async () => {
    harness = await create();
    expect(
      await harness.send('rt.enrolled.ordered', { key: 'flaky', value: { id: 'flaky', seq: 0 } }),
    ).toMatchObject({
      kind: 'retried',
      retryTopic: 'rt.enrolled.ordered.retry.1',
    });
    expect(
      await harness.send('rt.enrolled.ordered', { key: 'flaky', value: { id: 'flaky', seq: 1 } }),
    ).toEqual({
      kind: 'parked',
      retryTopic: 'rt.enrolled.ordered.retry.1',
    });
    expect(await harness.send('rt.enrolled.ordered', { key: 'calm', value: { id: 'calm', seq: 0 } })).toEqual(
      {
        kind: 'handled',
        attempt: 0,
      },
    );
    const traces = await harness.deliverRetries();
    expect(traces.map((t) => t.final.kind)).toEqual(['handled', 'handled']);
    // What the handler produced shows the order: calm first, then flaky #0 before #1.
    expect(harness.produced.map((r) => `${String(r.key)}:${String(r.value)}`)).toEqual([
      'calm:{"seq":0}',
      'flaky:{"seq":0}',
      'flaky:{"seq":1}',
    ]);
  });
});
