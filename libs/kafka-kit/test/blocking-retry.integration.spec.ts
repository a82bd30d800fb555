import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import {
  ConsumerStateService,
  Ctx,
  DLQ_HEADERS,
  KafkaConsumer,
  KafkaKitError,
  KafkaListener,
  KafkaProducer,
  Payload,
  type KafkaContext,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOffsets, readAll } from './kafka-inspect.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

class JobDto {
  @IsString() id!: string;
  @IsIn(['ok', 'transient', 'stuck', 'fatal', 'range']) kind!: string;
}

class FatalJobError extends KafkaKitError {
  readonly retryable = false;
}

describe('blocking retry', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('retries in place and in order, then dead-letters; every input accounted for', async () => {
    const topic = uniqueName('blocking-jobs');
    const groupId = uniqueName('blocking-jobs-group');
    const tries = new Map<string, number[]>();
    const handled: string[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Jobs {
      @KafkaListener(topic, {
        topic: { partitions: 1 },
        errorHandling: {
          strategy: 'blocking-retry',
          attempts: 3,
          backoff: { initialMs: 100, multiplier: 2, jitter: 0 },
          // A listener names error types it knows are permanent.
          classify: { nonRetryable: [RangeError] },
          then: { strategy: 'dead-letter' },
        },
      })
      async handle(@Payload() job: JobDto) {
        const mine = [...(tries.get(job.id) ?? []), Date.now()];
        tries.set(job.id, mine);
        if (job.kind === 'transient' && mine.length < 3) throw new Error('database busy');
        if (job.kind === 'stuck') throw new Error('still broken');
        if (job.kind === 'fatal') throw new FatalJobError('malformed job');
        if (job.kind === 'range') throw new RangeError('quantity out of range');
        handled.push(job.id);
      }
    }

    app = await startKafkaApp([Jobs]);
    const sent = [
      { key: 'a', value: { id: 'a', kind: 'ok' } },
      { key: 't', value: { id: 't', kind: 'transient' } },
      { key: 'b', value: { id: 'b', kind: 'ok' } },
      { key: 's', value: { id: 's', kind: 'stuck' } },
      { key: 'f', value: { id: 'f', kind: 'fatal' } },
      { key: 'r', value: { id: 'r', kind: 'range' } },
      { key: 'v', value: { id: 'v', kind: 'unknown' } },
      { key: 'g', value: 'not json' },
      { key: 'c', value: { id: 'c', kind: 'ok' } },
    ];
    await app.get(KafkaProducer).send(topic, sent);

    const dlq = await readAll(`${topic}.dlq`, 5);
    await waitFor('c handled', () => handled.includes('c'));
    // In place: order holds, the transient record succeeded where it stood.
    expect(handled).toEqual(['a', 't', 'b', 'c']);
    const byKey = Object.fromEntries(dlq.map((r) => [r.key!.toString(), r.headers]));
    expect(Object.keys(byKey).sort()).toEqual(['f', 'g', 'r', 's', 'v']);
    expect(byKey.r).toMatchObject({ [DLQ_HEADERS.reason]: 'non-retryable', [DLQ_HEADERS.attempts]: '1' });
    expect(byKey.s).toMatchObject({ [DLQ_HEADERS.reason]: 'retries-exhausted', [DLQ_HEADERS.attempts]: '3' });
    expect(byKey.f).toMatchObject({ [DLQ_HEADERS.reason]: 'non-retryable', [DLQ_HEADERS.attempts]: '1' });
    expect(byKey.v![DLQ_HEADERS.reason]).toBe('validation');
    expect(byKey.g![DLQ_HEADERS.reason]).toBe('deserialization');
    // Non-retryable errors are tried once; retryable ones with the back-off between tries.
    expect(tries.get('f')).toHaveLength(1);
    expect(tries.get('r')).toHaveLength(1);
    const [t1, t2, t3] = tries.get('s')!;
    expect(t2! - t1!).toBeGreaterThanOrEqual(100);
    expect(t3! - t2!).toBeGreaterThanOrEqual(200);
    await waitFor(
      'all committed',
      async () => (await committedOffsets(groupId, topic)).get(0) === String(sent.length),
    );
  });

  it('waits out a back-off longer than the session timeout by pausing, keeping membership', async () => {
    const topic = uniqueName('blocking-long');
    const groupId = uniqueName('blocking-long-group');
    const handled: { id: string; at: number }[] = [];
    let firstFailureAt = 0;

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true, sessionTimeoutMs: 6000, heartbeatIntervalMs: 1000 })
    class Slow {
      @KafkaListener(topic, {
        topic: { partitions: 2 },
        errorHandling: { strategy: 'blocking-retry', attempts: 2, backoff: { initialMs: 8000, jitter: 0 } },
      })
      async handle(@Payload() value: { id: string }, @Ctx() ctx: KafkaContext) {
        if (value.id === 'slow' && firstFailureAt === 0) {
          firstFailureAt = Date.now();
          throw new Error('not yet');
        }
        handled.push({ id: `${value.id}@${ctx.partition}`, at: Date.now() });
      }
    }

    app = await startKafkaApp([Slow]);
    const producer = app.get(KafkaProducer);
    await producer.send(topic, { value: { id: 'slow' }, partition: 0 });
    await waitFor('the first failure', () => firstFailureAt > 0);
    await producer.send(topic, [
      { value: { id: 'behind' }, partition: 0 },
      { value: { id: 'other' }, partition: 1 },
    ]);
    await waitFor('the other partition to flow meanwhile', () => handled.some((h) => h.id === 'other@1'));
    expect(handled.some((h) => h.id === 'slow@0')).toBe(false);

    const state = app.get(ConsumerStateService);
    const rebalances = state.get(groupId)!.rebalances;
    await waitFor('the retry after 8 s', () => handled.find((h) => h.id === 'slow@0'), { timeoutMs: 20_000 });
    const retried = handled.find((h) => h.id === 'slow@0')!;
    expect(retried.at - firstFailureAt).toBeGreaterThanOrEqual(8000);
    await waitFor('the record behind it', () => handled.some((h) => h.id === 'behind@0'));
    expect(handled.map((h) => h.id).filter((id) => id.endsWith('@0'))).toEqual(['slow@0', 'behind@0']);
    expect(state.get(groupId)!.rebalances).toBe(rebalances);
    expect(state.get(groupId)!.state).toBe('running');
  });
});
