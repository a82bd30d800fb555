import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { IsIn, IsString } from 'class-validator';
import {
  ConsumerObservers,
  Ctx,
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
  type KafkaContext,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { committedOffsets } from './kafka-inspect.js';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

class ViewDto {
  @IsString() id!: string;
  @IsIn(['ok', 'flaky', 'broken']) kind!: string;
}

describe('skip', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('logs, counts and commits every failure; each input is handled or explicitly skipped', async () => {
    const topic = uniqueName('skip-views');
    const groupId = uniqueName('skip-group');
    const handled: string[] = [];
    const flakySeen = new Set<string>();

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Views {
      @KafkaListener(topic, { topic: { partitions: 1 }, errorHandling: { strategy: 'skip' } })
      async view(@Payload() v: ViewDto, @Ctx() ctx: KafkaContext) {
        if (v.kind === 'flaky' && !flakySeen.has(v.id)) {
          flakySeen.add(v.id);
          throw new Error('renderer busy');
        }
        if (v.kind === 'broken') throw new Error('cannot render');
        handled.push(ctx.offset);
      }
    }

    app = await startKafkaApp([Views]);
    const skipped: { offset: string; strategy: string; error: string }[] = [];
    app.get(ConsumerObservers).add({
      failed: (slot, strategy, _verdict, error) =>
        skipped.push({ offset: slot.offset, strategy, error: (error as Error).name }),
    });
    const sent = [
      { value: { id: 'a', kind: 'ok' } },
      { value: { id: 'b', kind: 'flaky' } },
      { value: { id: 'c', kind: 'broken' } },
      { value: { id: 'd', kind: 'nope' } },
      { value: '{not json' },
      { value: { id: 'e', kind: 'ok' } },
    ];
    await app.get(KafkaProducer).send(topic, sent);

    await waitFor(
      'everything committed',
      async () => (await committedOffsets(groupId, topic)).get(0) === '6',
    );
    expect(handled).toEqual(['0', '5']);
    expect(skipped).toEqual([
      { offset: '1', strategy: 'skip', error: 'Error' },
      { offset: '2', strategy: 'skip', error: 'Error' },
      { offset: '3', strategy: 'skip', error: 'PayloadValidationError' },
      { offset: '4', strategy: 'skip', error: 'DeserializationError' },
    ]);
    // Nothing lost without a trace: every offset was handled or explicitly skipped.
    expect([...handled, ...skipped.map((s) => s.offset)].sort()).toEqual(['0', '1', '2', '3', '4', '5']);
  });
});
