import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import {
  BatchListenerFailedError,
  ConsumerStateService,
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
} from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

class Address {
  @IsString() city!: string;
}
class UserDto {
  @IsString() name!: string;
  @IsInt() @Min(18) age!: number;
  @ValidateNested() @Type(() => Address) address!: Address;
}

describe('validation and batch listeners', () => {
  let app: INestApplicationContext | undefined;
  afterEach(() => app?.close());

  it('stops on an invalid record with an error naming each field and constraint', async () => {
    const topic = uniqueName('users');
    const groupId = uniqueName('users-group');
    const handled: UserDto[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class UserListener {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload() user: UserDto) {
        handled.push(user);
      }
    }

    app = await startKafkaApp([UserListener]);
    await app
      .get(KafkaProducer)
      .send(topic, [
        { value: { name: 'ada', age: 36, address: { city: 'London' } } },
        { value: { name: 42, age: 12, address: { city: 7 } } },
        { value: { name: 'never', age: 40, address: { city: 'Paris' } } },
      ]);
    const stopped = await waitFor('the invalid record to stop the partition', () => {
      const [s] = app!.get(ConsumerStateService).get(groupId)?.stoppedPartitions ?? [];
      return s;
    });
    expect(handled.map((u) => u.name)).toEqual(['ada']);
    expect(handled[0]).toBeInstanceOf(UserDto);
    expect(stopped.offset).toBe('1');
    expect(stopped.error).toContain('PayloadValidationError');
    expect(stopped.error).toMatch(/name.*isString/s);
    expect(stopped.error).toMatch(/age.*min/s);
    expect(stopped.error).toMatch(/address\.city.*isString/s);
    expect(stopped.error).toContain(`${topic}[0]@1`);
  });

  it('tells deserialization errors apart from validation errors (Standard Schema listener)', async () => {
    const topic = uniqueName('zod');
    const groupId = uniqueName('zod-group');
    const schema = z.object({ sku: z.string(), qty: z.number().int().positive() });
    const handled: z.infer<typeof schema>[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class OrderListener {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload(schema) order: z.infer<typeof schema>) {
        handled.push(order);
      }
    }

    app = await startKafkaApp([OrderListener]);
    await app
      .get(KafkaProducer)
      .send(topic, [{ value: { sku: 'a', qty: 1 } }, { value: Buffer.from('{not json') }]);
    const stopped = await waitFor('the non-JSON record to stop the partition', () => {
      const [s] = app!.get(ConsumerStateService).get(groupId)?.stoppedPartitions ?? [];
      return s;
    });
    expect(handled).toEqual([{ sku: 'a', qty: 1 }]);
    expect(stopped.error).toContain('DeserializationError');
    expect(stopped.error).toContain('not-json');
  });

  it('hands a batch listener whole batches and commits the records before a BatchListenerFailedError', async () => {
    const topic = uniqueName('batches');
    const groupId = uniqueName('batches-group');
    const batches: number[][] = [];

    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class BatchListener {
      @KafkaListener(topic, { batch: true, topic: { partitions: 1 } })
      async handle(@Payload() items: { n: number }[]) {
        batches.push(items.map((i) => i.n));
        const bad = items.findIndex((i) => i.n === 7);
        if (bad >= 0) throw new BatchListenerFailedError(bad, new Error('seven is poison'));
      }
    }

    app = await startKafkaApp([BatchListener]);
    // One send = one produce request, so the consumer fetches them as one batch.
    await app.get(KafkaProducer).send(
      topic,
      Array.from({ length: 10 }, (_, n) => ({ value: { n } })),
    );
    const stopped = await waitFor('the poison record to stop the partition', () => {
      const [s] = app!.get(ConsumerStateService).get(groupId)?.stoppedPartitions ?? [];
      return s;
    });
    expect(batches[0]!.length).toBeGreaterThan(1);
    expect(batches.flat()).toContain(7);
    expect(stopped.offset).toBe('7');
    expect(stopped.error).toContain('seven is poison');
    await app.close();

    // Records 0..6 were committed; the restart begins at 7.
    const resumed: number[][] = [];
    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class ResumedListener {
      @KafkaListener(topic, { batch: true })
      async handle(@Payload() items: { n: number }[]) {
        resumed.push(items.map((i) => i.n));
      }
    }
    app = await startKafkaApp([ResumedListener]);
    await waitFor('records 7..9 after the restart', () => resumed.flat().length >= 3);
    expect(resumed.flat()).toEqual([7, 8, 9]);
  });
});
