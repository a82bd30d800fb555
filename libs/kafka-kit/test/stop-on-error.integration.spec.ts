import { Injectable, type CanActivate, type ExecutionContext, type INestApplication } from '@nestjs/common';
import {
  ConsumerStateService,
  Ctx,
  KafkaConsumer,
  KafkaListener,
  KafkaOperatorModule,
  KafkaProducer,
  Payload,
  StoppedPartitionsService,
  type KafkaContext,
} from 'nest-kafka-kit';
import { IsString } from 'class-validator';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOffsets } from './kafka-inspect.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

class RowDto {
  @IsString() id!: string;
}

class TokenGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return (
      context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers['x-operator-token'] ===
      'secret'
    );
  }
}

interface Seen {
  id: string;
  partition: number;
  offset: string;
}

/** A CDC-like listener: records whose id starts with "poison" fail until `fixed` holds them. */
function cdcListener(
  topic: string,
  groupId: string,
  seen: Seen[],
  handled: Seen[],
  fixed: Set<string>,
  scope?: 'consumer',
) {
  @Injectable()
  @KafkaConsumer({ groupId, fromBeginning: true })
  class Cdc {
    @KafkaListener(topic, {
      topic: { partitions: 2 },
      ...(scope ? { errorHandling: { strategy: 'stop', scope } } : {}),
    })
    async handle(@Payload() row: RowDto, @Ctx() ctx: KafkaContext) {
      const at = { id: row.id, partition: ctx.partition, offset: ctx.offset };
      seen.push(at);
      if (row.id.startsWith('poison') && !fixed.has(row.id))
        throw new Error(`constraint violated by ${row.id}`);
      handled.push(at);
    }
  }
  return Cdc;
}

async function startOperatedApp(listener: new () => unknown): Promise<INestApplication> {
  const imports = [KafkaOperatorModule.forRoot({ guard: TokenGuard })];
  return (await startKafkaApp([listener], {}, imports)) as INestApplication;
}

describe('stop on error', () => {
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  it('stops the partition at the failed record, resumes there after a restart, and an operator retries or skips it', async () => {
    const topic = uniqueName('cdc-enrollments');
    const groupId = uniqueName('cdc-group');
    const seen: Seen[] = [];
    const handled: Seen[] = [];
    const fixed = new Set<string>();

    app = await startOperatedApp(cdcListener(topic, groupId, seen, handled, fixed));
    await app.get(KafkaProducer).send(topic, [
      { value: { id: 'a0' }, partition: 0 },
      { value: { id: 'poison-1' }, partition: 0 },
      { value: { id: 'b0' }, partition: 0 },
      { value: { id: 'a1' }, partition: 1 },
      { value: { id: 'b1' }, partition: 1 },
    ]);

    // The stop is loud: state (health) names topic, partition, offset and error.
    let state = app.get(ConsumerStateService);
    const stopped = await waitFor('partition 0 to stop', () => state.get(groupId)?.stoppedPartitions[0]);
    expect(stopped).toMatchObject({ topic, partition: 0, offset: '1' });
    expect(stopped.error).toContain('constraint violated by poison-1');
    // Other partitions go on.
    await waitFor('partition 1 handled', () => handled.filter((h) => h.partition === 1).length === 2);
    expect(handled.filter((h) => h.partition === 0).map((h) => h.id)).toEqual(['a0']);
    await waitFor('a0 committed', async () => (await committedOffsets(groupId, topic)).get(0) === '1');

    // After a restart the failed record is the first one processed on its partition.
    await app.close();
    seen.length = 0;
    app = await startOperatedApp(cdcListener(topic, groupId, seen, handled, fixed));
    state = app.get(ConsumerStateService);
    await waitFor('partition 0 to stop again', () => state.get(groupId)?.stoppedPartitions[0]);
    expect(seen.filter((s) => s.partition === 0)[0]).toMatchObject({ id: 'poison-1', offset: '1' });
    expect(seen.some((s) => s.id === 'b0')).toBe(false);

    // The operator fixes the cause and retries now: the stopped record, then the rest.
    fixed.add('poison-1');
    const operator = app.get(StoppedPartitionsService);
    expect(operator.list()).toEqual([expect.objectContaining({ groupId, topic, partition: 0, offset: '1' })]);
    operator.retry(groupId, topic, 0, 'ops-alice');
    await waitFor('b0 handled after the retry', () => handled.some((h) => h.id === 'b0'));
    expect(handled.filter((h) => h.partition === 0).map((h) => h.id)).toEqual(['a0', 'poison-1', 'b0']);
    expect(state.get(groupId)?.state).toBe('running');

    // A record nobody can fix is skipped over HTTP, by someone, for a reason; off without the guard's yes.
    await app.listen(0);
    const url = `${await app.getUrl()}/kafka/operator`.replace('[::1]', 'localhost');
    await app.get(KafkaProducer).send(topic, [
      { value: { id: 'poison-2' }, partition: 0 },
      { value: { id: 'c0' }, partition: 0 },
    ]);
    await waitFor('stopped at poison-2', () => state.get(groupId)?.stoppedPartitions[0]?.offset === '3');
    const skipUrl = `${url}/stopped/${groupId}/${topic}/0/skip`;
    const body = JSON.stringify({ offset: '3', by: 'ops-bob', reason: 'row deleted upstream, INC-42' });
    const headers = { 'content-type': 'application/json' };
    expect((await fetch(skipUrl, { method: 'POST', headers, body })).status).toBe(403);
    const listed = await fetch(`${url}/stopped`, { headers: { 'x-operator-token': 'secret' } });
    expect(await listed.json()).toEqual([expect.objectContaining({ topic, partition: 0, offset: '3' })]);
    const wrong = await fetch(skipUrl, {
      method: 'POST',
      headers: { ...headers, 'x-operator-token': 'secret' },
      body: JSON.stringify({ offset: '2', by: 'ops-bob', reason: 'typo' }),
    });
    expect(wrong.status).toBe(404);
    const ok = await fetch(skipUrl, {
      method: 'POST',
      headers: { ...headers, 'x-operator-token': 'secret' },
      body,
    });
    expect(ok.status).toBe(200);
    await waitFor('c0 handled after the skip', () => handled.some((h) => h.id === 'c0'));
    expect(handled.some((h) => h.id === 'poison-2')).toBe(false);
    await waitFor('offset 5 committed', async () => (await committedOffsets(groupId, topic)).get(0) === '5');
    expect(
      app
        .get(StoppedPartitionsService)
        .history()
        .map((a) => [a.action, a.by]),
    ).toEqual([
      ['retry', 'ops-alice'],
      ['skip', 'ops-bob'],
    ]);
  });

  it("with scope 'consumer' stops every partition until the operator resumes", async () => {
    const topic = uniqueName('cdc-all');
    const groupId = uniqueName('cdc-all-group');
    const seen: Seen[] = [];
    const handled: Seen[] = [];
    const fixed = new Set<string>();
    app = await startOperatedApp(cdcListener(topic, groupId, seen, handled, fixed, 'consumer'));
    const producer = app.get(KafkaProducer);
    await producer.send(topic, { value: { id: 'poison-x' }, partition: 0 });
    const state = app.get(ConsumerStateService);
    await waitFor('the consumer to stop', () => state.get(groupId)?.stoppedPartitions[0]);
    await producer.send(topic, { value: { id: 'p1' }, partition: 1 });
    // Proving an absence takes a bounded wait: p1 must not be handled while the consumer is stopped.
    await expect(
      waitFor('p1 handled', () => handled.some((h) => h.id === 'p1'), { timeoutMs: 3000 }),
    ).rejects.toThrow();
    fixed.add('poison-x');
    app.get(StoppedPartitionsService).retry(groupId, topic, 0, 'ops');
    await waitFor('both handled after resume', () => handled.length === 2);
  });

  it('stops on invalid and non-JSON records as on a throwing handler, never committing them', async () => {
    const topic = uniqueName('cdc-garbage');
    const groupId = uniqueName('cdc-garbage-group');
    const handled: Seen[] = [];
    app = await startOperatedApp(cdcListener(topic, groupId, [], handled, new Set()));
    const state = app.get(ConsumerStateService);
    await app.get(KafkaProducer).send(topic, [
      { value: { id: 'ok-0' }, partition: 0 },
      { value: 'not json', partition: 0 },
      { value: { id: 'ok-1' }, partition: 0 },
      { value: { id: 'ok-2' }, partition: 1 },
    ]);
    const stopped = await waitFor(
      'partition 0 stopped on the non-JSON record',
      () => state.get(groupId)?.stoppedPartitions[0],
    );
    expect(stopped).toMatchObject({ partition: 0, offset: '1' });
    expect(stopped.error).toContain('DeserializationError');
    await waitFor('partition 1 handled', () => handled.some((h) => h.id === 'ok-2'));
    expect(handled.filter((h) => h.partition === 0).map((h) => h.id)).toEqual(['ok-0']);

    // An operator skips it; the next record stops on validation (id must be a string).
    await app.get(KafkaProducer).send(topic, { value: { id: 42 }, partition: 0 });
    app
      .get(StoppedPartitionsService)
      .skip(groupId, topic, 0, { offset: '1', by: 'ops', reason: 'garbage from a test' });
    const next = await waitFor('partition 0 stopped on the invalid record', () =>
      state.get(groupId)?.stoppedPartitions.find((s) => s.offset === '3'),
    );
    expect(handled.filter((h) => h.partition === 0).map((h) => h.id)).toEqual(['ok-0', 'ok-1']);
    expect(next.error).toContain('PayloadValidationError');
    await waitFor(
      'offset 3 is the committed position',
      async () => (await committedOffsets(groupId, topic)).get(0) === '3',
    );
  });

  it('commits a skip even when the app stops right after it, so a restart does not stop there again', async () => {
    const topic = uniqueName('cdc-skip-close');
    const groupId = uniqueName('cdc-skip-close-group');
    app = await startOperatedApp(cdcListener(topic, groupId, [], [], new Set()));
    await app.get(KafkaProducer).send(topic, { value: { id: 'poison-y' }, partition: 0 });
    await waitFor(
      'partition 0 stopped',
      () => app!.get(ConsumerStateService).get(groupId)?.stoppedPartitions[0],
    );
    app.get(StoppedPartitionsService).skip(groupId, topic, 0, { offset: '0', by: 'ops', reason: 'a test' });
    await app.close();
    app = undefined;
    expect((await committedOffsets(groupId, topic)).get(0)).toBe('1');
  });
});
