import { Injectable, type INestApplicationContext } from '@nestjs/common';
import {
  Ctx,
  DlqService,
  KafkaConsumer,
  KafkaKitError,
  KafkaListener,
  KafkaProducer,
  Payload,
  REPLAY_HEADERS,
  type KafkaContext,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { endOffsets, readAll } from './kafka-inspect.js';
import { kafkaBrokers, startKafkaApp, uniqueName, waitFor } from './support.js';

class InvalidCourseError extends KafkaKitError {
  readonly retryable = false;
}

/** Runs the CLI in-process, as `npx nest-kafka-kit ...` would; returns exit code and output. */
async function cli(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    [...argv, '--brokers', kafkaBrokers().join(',')],
    {},
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out, err };
}

describe('DLQ tooling', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('lists and peeks a DLQ with decoded headers, replays a range or a predicate (dry-run first), and refuses replay loops', async () => {
    const topic = uniqueName('dlq-tool-enrolled');
    const dlqTopic = `${topic}.dlq`;
    const handled: { id: string; replayCount?: string }[] = [];
    const healed = new Set<string>();

    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('dlq-tool-group'), fromBeginning: true })
    class Enrolled {
      @KafkaListener(topic, { topic: { partitions: 2 }, errorHandling: { strategy: 'dead-letter' } })
      async handle(@Payload() e: { id: string; course: string }, @Ctx() ctx: KafkaContext) {
        if (e.course === 'empty-tutors' && !healed.has(e.id))
          throw new Error(`course of ${e.id} has no tutors`);
        if (e.course === 'unknown') throw new InvalidCourseError(`course of ${e.id} does not exist`);
        handled.push({ id: e.id, replayCount: ctx.headers[REPLAY_HEADERS.count] as string | undefined });
      }
    }

    app = await startKafkaApp([Enrolled]);
    await app.get(KafkaProducer).send(topic, [
      { key: 'e1', value: { id: 'e1', course: 'empty-tutors' }, partition: 0, headers: { tenant: 'acme' } },
      { key: 'e2', value: { id: 'e2', course: 'empty-tutors' }, partition: 0 },
      { key: 'e3', value: { id: 'e3', course: 'unknown' }, partition: 1 },
      { key: 'e4', value: { id: 'e4', course: 'ok' }, partition: 1 },
    ]);
    await readAll(dlqTopic, 3);

    // List: partitions and one line per record.
    const list = await cli('dlq', 'list', dlqTopic);
    expect(list.code).toBe(0);
    expect(list.out[0]).toBe('partition 0: offsets 0..2 (2 records)');
    expect(list.out[1]).toBe('partition 1: offsets 0..1 (1 records)');
    expect(list.out.slice(2)).toHaveLength(3);
    expect(list.out[2]).toContain(
      `key=e1 reason=failed error=Error: course of e1 has no tutors from=${topic}[0]@0`,
    );

    // Peek: JSON lines with decoded headers; the service gives the same views.
    const peek = await cli('dlq', 'peek', dlqTopic, '--where', 'reason=non-retryable');
    expect(peek.out).toHaveLength(1);
    const e3 = JSON.parse(peek.out[0]!);
    expect(e3).toMatchObject({
      key: 'e3',
      value: JSON.stringify({ id: 'e3', course: 'unknown' }),
      encoding: 'utf8',
      failure: {
        originalTopic: topic,
        originalPartition: 1,
        originalOffset: '0',
        reason: 'non-retryable',
        attempts: 1,
      },
    });
    const views = await app.get(DlqService).peek(dlqTopic, { partition: 0 });
    expect(views.map((v) => v.key)).toEqual(['e1', 'e2']);
    expect(views[0]!.headers.tenant).toBe('acme');
    await expect(app.get(DlqService).peek(`${dlqTopic}-typo`)).rejects.toThrow(
      `topic ${dlqTopic}-typo does not exist`,
    );

    // Dry-run replay of a predicate: says what it would do, sends nothing.
    const mainEnd = await endOffsets(topic);
    const dry = await cli('dlq', 'replay', dlqTopic, '--where', 'errorClass=Error', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out.at(-1)).toBe('2 would replay, 0 refused');
    expect(await endOffsets(topic)).toEqual(mainEnd);

    // After the fix, replay one record by offset range: it is handled, marked as a replay.
    healed.add('e1');
    const one = await cli('dlq', 'replay', dlqTopic, '--partition', '0', '--from', '0', '--to', '1');
    expect(one.out.at(-1)).toBe('1 replayed, 0 refused');
    await waitFor('e1 handled after replay', () => handled.find((h) => h.id === 'e1'));
    expect(handled.find((h) => h.id === 'e1')).toEqual({ id: 'e1', replayCount: '1' });

    // e2 is replayed without a fix: it fails again and comes back carrying its replay count.
    const two = await app.get(DlqService).replay(dlqTopic, { where: (r) => r.key === 'e2' });
    expect(two.replayed).toHaveLength(1);
    const again = await waitFor('e2 back in the DLQ', async () =>
      (await app!.get(DlqService).peek(dlqTopic)).find((v) => v.key === 'e2' && v.replayCount === 1),
    );
    expect(again.failure.reason).toBe('failed');
    // A loop: with at most one replay allowed, it is refused; the exit code says so.
    const loop = await cli(
      'dlq',
      'replay',
      dlqTopic,
      '--partition',
      '0',
      '--from',
      '2',
      '--max-replays',
      '1',
    );
    expect(loop.code).toBe(2);
    expect(loop.out).toContain('0 replayed, 1 refused');
    expect(loop.out.some((l) => l.includes('replayed 1 times already'))).toBe(true);
  });

  it('explains its usage on bad arguments', async () => {
    const bad = await cli('dlq', 'frobnicate', 'x');
    expect(bad.code).toBe(64);
    expect(bad.err.join('\n')).toContain('Usage: nest-kafka-kit dlq');
  });
});
