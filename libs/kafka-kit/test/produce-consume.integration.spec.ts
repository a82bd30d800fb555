import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { IsInt, IsString, Min } from 'class-validator';
import {
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Key,
  Payload,
  Ctx,
  type KafkaContext,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

class ClickDto {
  @IsString() userId!: string;
  @IsString() page!: string;
  @IsInt() @Min(0) durationMs!: number;
}

const topic = uniqueName('clicks');
const received: { dto: ClickDto; key: string | null; partition: number; offset: string }[] = [];

@Injectable()
@KafkaConsumer({ groupId: uniqueName('clicks-group'), fromBeginning: true })
class ClickListener {
  @KafkaListener(topic, { topic: { partitions: 3 } })
  async onClick(@Payload() dto: ClickDto, @Key() key: string | null, @Ctx() ctx: KafkaContext) {
    received.push({ dto, key, partition: ctx.partition, offset: ctx.offset });
  }
}

type Topics = { [topic]: { userId: string; page: string; durationMs: number } };

describe('a producer and a decorated listener', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('round-trips typed records, validated into DTO instances, keyed like Java', async () => {
    app = await startKafkaApp([ClickListener]);
    const producer: KafkaProducer<Topics> = app.get(KafkaProducer);
    const sent = await producer.send(
      topic,
      ['u1', 'u2', 'u3', 'u4'].map((userId, i) => ({
        key: userId,
        value: { userId, page: `/p${i}`, durationMs: i },
      })),
    );
    expect(sent.map((r) => r.partition).every((p) => p >= 0 && p < 3)).toBe(true);

    await waitFor('4 records handled', () => received.length >= 4);
    expect(received.every((r) => r.dto instanceof ClickDto)).toBe(true);
    for (const r of sent) {
      const got = received.find((x) => x.partition === r.partition && x.offset === r.offset);
      expect(got, `record at ${r.partition}@${r.offset}`).toBeDefined();
    }
    expect(received.map((r) => r.key).sort()).toEqual(['u1', 'u2', 'u3', 'u4']);
  });
});
