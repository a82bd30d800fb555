// The consumer's own state, as health checks and operators read it, around failures that are
// still being written (pipelined DLQ writes) or cannot be written at all (the DLQ is down).
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import {
  ConsumerObservers,
  ConsumerStateService,
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
  StoppedPartitionsService,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOffsets, readAll, withAdmin } from './kafka-inspect.js';
import { createTopics, startKafkaApp, uniqueName, waitFor } from './support.js';

describe('consumer state around failures', () => {
  let app: INestApplicationContext | undefined;
  let release: () => void = () => undefined;
  afterEach(async () => {
    release();
    await app?.close();
  });

  it('keeps a handler stuck on the record after a dead-lettered one visible as handling', async () => {
    const topic = uniqueName('state-stuck');
    const groupId = uniqueName('state-stuck-group');
    const hanging = new Promise<void>((r) => (release = r));
    let entered = false;

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Stuck {
      @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling: { strategy: 'dead-letter' } })
      async handle(@Payload() value: { id: string }) {
        if (value.id === 'poison') throw new Error('poison');
        entered = true;
        await hanging;
      }
    }

    app = await startKafkaApp([Stuck]);
    const verdicts: string[] = [];
    app.get(ConsumerObservers).add({ failed: (_slot, _strategy, verdict) => verdicts.push(verdict) });
    await app.get(KafkaProducer).send(topic, [{ value: { id: 'poison' } }, { value: { id: 'hang' } }]);

    // The poison record's DLQ write is confirmed while the next record's handler hangs.
    await waitFor('the handler to hang on offset 1', () => entered);
    await waitFor('the poison record dead-lettered', () => verdicts.includes('dead-lettered'));
    const [slot] = app.get(ConsumerStateService).get(groupId)!.activity;
    expect(slot).toMatchObject({ topic, partition: 0, offset: '1' });
    expect(slot!.handlingSince).toBeGreaterThan(0);
  });

  it('counts a dead-lettered record as progress of its partition', async () => {
    const topic = uniqueName('state-progress');
    const groupId = uniqueName('state-progress-group');

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class AlwaysFails {
      @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling: { strategy: 'dead-letter' } })
      async handle() {
        throw new Error('always');
      }
    }

    app = await startKafkaApp([AlwaysFails]);
    const sentAt = Date.now();
    await app.get(KafkaProducer).send(topic, [{ value: { id: 'x' } }]);
    await readAll(`${topic}.dlq`, 1);
    const state = app.get(ConsumerStateService);
    const slot = await waitFor('the dead-lettered record to count as progress', () =>
      state.get(groupId)?.activity.find((a) => a.lastProgressAt > 0),
    );
    expect(slot.lastProgressAt).toBeGreaterThanOrEqual(sentAt);
    expect(slot.handled).toBe(0);
  });

  it('shows a partition held by a failing DLQ write as such, and the operator refuses to move it', async () => {
    const topic = uniqueName('state-dlq-down');
    const dlqTopic = uniqueName('state-dlq-down-missing');
    const groupId = uniqueName('state-dlq-down-group');

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Poisoned {
      @KafkaListener(topic, {
        topic: { partitions: 1 },
        // A named DLQ is not created by the library: it is missing until the test creates it.
        errorHandling: { strategy: 'dead-letter', dlqTopic, writeBackoff: { initialMs: 200, maxMs: 1000 } },
      })
      async handle(@Payload() value: { id: string }) {
        if (value.id === 'poison') throw new Error('poison');
      }
    }

    app = await startKafkaApp([Poisoned], {
      retry: { retries: 1, initialRetryTimeMs: 100, maxRetryTimeMs: 300 },
    });
    await app.get(KafkaProducer).send(topic, [{ value: { id: 'poison' } }, { value: { id: 'b' } }]);
    const operator = app.get(StoppedPartitionsService);
    const stopped = await waitFor('the failing DLQ write listed', () =>
      operator.list().find((s) => s.topic === topic),
    );
    expect(stopped).toMatchObject({ groupId, kind: 'failure-write', offset: '0' });

    expect(() => operator.retry(groupId, topic, 0, 'ops')).toThrow(/still being written to the DLQ/);
    expect(() => operator.skip(groupId, topic, 0, { offset: '0', by: 'ops', reason: 'test' })).toThrow(
      /still being written to the DLQ/,
    );
    expect(operator.history()).toEqual([]);
    // At most the poison record's own offset: it and the records after it come again.
    expect(['-1', '0', undefined]).toContain((await committedOffsets(groupId, topic)).get(0));

    await withAdmin((admin) => createTopics(admin, [{ topic: dlqTopic, numPartitions: 1 }]));
    await waitFor(
      'the group to commit past the poison record once the DLQ exists',
      async () => (await committedOffsets(groupId, topic)).get(0) === '2',
      { timeoutMs: 30_000 },
    );
    expect(operator.list()).toEqual([]);
  });
});
