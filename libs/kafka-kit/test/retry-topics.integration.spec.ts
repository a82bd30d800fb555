import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import {
  Ctx,
  DLQ_HEADERS,
  KafkaConsumer,
  KafkaKitError,
  KafkaListener,
  KafkaProducer,
  Payload,
  RETRY_HEADERS,
  retryLater,
  type KafkaContext,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOffsets, endOffsets, readAll, withAdmin } from './kafka-inspect.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

class EnrolledDto {
  @IsString() id!: string;
  @IsIn(['ok', 'once', 'twice', 'always', 'fatal', 'later']) kind!: string;
}

class FatalEnrollmentError extends KafkaKitError {
  readonly retryable = false;
}

interface Try {
  id: string;
  attempt: number;
  at: number;
  dueAt: number;
  topic: string;
}

const KINDS = ['ok', 'once', 'twice', 'always', 'fatal', 'later'] as const;

/** A listener on `topic` with retry topics of 1 s and 2 s, recording every try. */
function enrolledListener(topic: string, groupId: string, tries: Try[], handled: string[]) {
  @Injectable()
  @KafkaConsumer({ groupId, fromBeginning: true })
  class Enrolled {
    @KafkaListener(topic, {
      topic: { partitions: 3 },
      errorHandling: { strategy: 'retry-topics', delaysMs: [1000, 2000] },
    })
    async handle(@Payload() e: EnrolledDto, @Ctx() ctx: KafkaContext) {
      const attempt = Number(ctx.headers[RETRY_HEADERS.attempt] ?? 0);
      tries.push({
        id: e.id,
        attempt,
        at: Date.now(),
        dueAt: Number(ctx.headers[RETRY_HEADERS.dueAt] ?? 0),
        topic: ctx.topic,
      });
      if (e.kind === 'once' && attempt < 1) throw new Error('tutor service down');
      if (e.kind === 'twice' && attempt < 2) throw new Error('tutor service down');
      if (e.kind === 'always') throw new Error('empty tutor list');
      if (e.kind === 'fatal') throw new FatalEnrollmentError('course does not exist');
      if (e.kind === 'later' && attempt < 1) return retryLater(1500);
      handled.push(e.id);
    }
  }
  return Enrolled;
}

describe('retry topics', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('retries through <topic>.retry.<n> never early, then the DLQ; the main topic keeps flowing; nothing lost across a restart', async () => {
    const topic = uniqueName('rt-enrolled');
    const groupId = uniqueName('rt-enrolled-group');
    const tries: Try[] = [];
    const handled: string[] = [];
    const Enrolled = enrolledListener(topic, groupId, tries, handled);

    app = await startKafkaApp([Enrolled]);
    const sent: { key: string; value: unknown }[] = KINDS.flatMap((kind) =>
      [0, 1, 2].map((i) => ({ key: `${kind}-${i}`, value: { id: `${kind}-${i}`, kind } })),
    );
    sent.push({ key: 'invalid-0', value: { id: 'invalid-0', kind: 'nope' } });
    sent.push({ key: 'garbage-0', value: '<xml/>' });
    const producer = app.get(KafkaProducer);
    await producer.send(topic, sent);

    // Retry and DLQ topics mirror the main topic's partitions.
    const counts = await withAdmin(async (admin) => {
      const { topics } = await admin.fetchTopicMetadata({
        topics: [`${topic}.retry.1`, `${topic}.retry.2`, `${topic}.dlq`],
      });
      return topics.map((t) => t.partitions.length);
    });
    expect(counts).toEqual([3, 3, 3]);

    // While the first retries wait (1 s), later main-topic records are handled at once.
    await waitFor('the first retry records to be written', () =>
      tries.some((t) => t.attempt === 0 && t.id === 'once-0'),
    );
    await producer.send(topic, { key: 'late-ok', value: { id: 'late-ok', kind: 'ok' } });
    await waitFor('late-ok handled', () => handled.includes('late-ok'));
    expect(tries.some((t) => t.attempt > 0)).toBe(false);

    // Restart while records wait in the retry topics: the new app picks them up.
    await waitFor('a record in the second retry topic', () =>
      tries.some((t) => t.id.startsWith('twice') && t.attempt === 1),
    );
    await app.close();
    app = await startKafkaApp([enrolledListener(topic, groupId, tries, handled)]);

    const dlq = await readAll(`${topic}.dlq`, 8, 30_000);
    await waitFor('every recoverable record handled', () =>
      ['ok', 'once', 'twice', 'later'].every((k) => [0, 1, 2].every((i) => handled.includes(`${k}-${i}`))),
    );

    // Nothing lost: handled + dead-lettered = inputs.
    const dlqKeys = dlq.map((r) => r.key!.toString());
    expect(new Set([...handled, ...dlqKeys])).toEqual(new Set([...sent.map((m) => m.key), 'late-ok']));
    const reasons = Object.fromEntries(dlq.map((r) => [r.key!.toString(), r.headers]));
    for (const i of [0, 1, 2]) {
      expect(reasons[`always-${i}`]).toMatchObject({
        [DLQ_HEADERS.reason]: 'retries-exhausted',
        [DLQ_HEADERS.attempts]: '3',
        [DLQ_HEADERS.originalTopic]: topic,
      });
      expect(reasons[`fatal-${i}`]).toMatchObject({
        [DLQ_HEADERS.reason]: 'non-retryable',
        [DLQ_HEADERS.attempts]: '1',
      });
    }
    expect(reasons['invalid-0']![DLQ_HEADERS.reason]).toBe('validation');
    expect(reasons['garbage-0']![DLQ_HEADERS.reason]).toBe('deserialization');

    // Never early: each retry ran at or after its due time, from the retry topic of its attempt.
    const retries = tries.filter((t) => t.attempt > 0);
    expect(retries.length).toBeGreaterThan(0);
    for (const t of retries) {
      expect(t.at, `${t.id} attempt ${t.attempt}`).toBeGreaterThanOrEqual(t.dueAt);
      expect(t.topic).toBe(`${topic}.retry.${t.attempt}`);
    }
    // retryLater(1500) set the due time of the later-* records.
    const later = tries.find((t) => t.id === 'later-0' && t.attempt === 1)!;
    const first = tries.find((t) => t.id === 'later-0' && t.attempt === 0)!;
    expect(later.dueAt - first.at).toBeGreaterThanOrEqual(1500);

    // Main and retry groups commit everything they consumed.
    for (const [t, g] of [
      [topic, groupId],
      [`${topic}.retry.1`, `${groupId}.retry`],
      [`${topic}.retry.2`, `${groupId}.retry`],
    ] as const) {
      const end = await endOffsets(t);
      await waitFor(`${g} to commit ${t}`, async () => {
        const committed = await committedOffsets(g, t);
        return [...end].every(([p, high]) => high === '0' || committed.get(p) === high);
      });
    }
  });
});
