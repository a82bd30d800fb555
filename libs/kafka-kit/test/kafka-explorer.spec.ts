// A unit test (no broker): the module is compiled, never initialized, so nothing connects.
import { Injectable, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import {
  InvalidListenerError,
  KafkaConsumer,
  KafkaListener,
  KafkaModule,
  type KafkaConsumerOptions,
  type OffsetStore,
} from 'nest-kafka-kit';
// Internal: the explorer is what turns decorated classes into consumer groups.
import { KafkaExplorer } from '../src/consumer/kafka.explorer.js';

class Transient extends Error {}
class Other extends Error {}

function consumer(name: string, topic: string, options: KafkaConsumerOptions): Type {
  @Injectable()
  @KafkaConsumer(options)
  class Consumer {
    @KafkaListener(topic)
    async handle() {}
  }
  Object.defineProperty(Consumer, 'name', { value: name });
  return Consumer;
}

// Compiled, not initialized: nothing connects to Kafka.
async function explore(...providers: Type[]) {
  const moduleRef = await Test.createTestingModule({
    imports: [KafkaModule.forRoot({ brokers: 'unused:9092' })],
    providers,
  }).compile();
  return moduleRef.get(KafkaExplorer).explore();
}

describe('KafkaExplorer', () => {
  it('lets two classes share a group whose options differ only in key order', async () => {
    const plans = await explore(
      consumer('A', 'a', { groupId: 'g', concurrency: 2, fromBeginning: true }),
      consumer('B', 'b', { fromBeginning: true, concurrency: 2, groupId: 'g' }),
    );
    expect(plans.map((p) => [p.options.groupId, p.routes.map((r) => r.name)])).toEqual([
      ['g', ['A.handle', 'B.handle']],
    ]);
  });

  it('refuses two classes in one group whose options differ in a function or class', async () => {
    const errorHandling = (cls: Type<Error>) => ({
      strategy: 'blocking-retry' as const,
      classify: { nonRetryable: [cls] },
    });
    await expect(
      explore(
        consumer('A', 'a', { groupId: 'g', errorHandling: errorHandling(Transient) }),
        consumer('B', 'b', { groupId: 'g', errorHandling: errorHandling(Other) }),
      ),
    ).rejects.toThrow(InvalidListenerError);
  });

  it('refuses a second listener of one topic in a group, naming both', async () => {
    await expect(
      explore(consumer('A', 't', { groupId: 'g' }), consumer('B', 't', { groupId: 'g' })),
    ).rejects.toThrow(/topic t has two listeners in consumer group "g": A.handle and B.handle/);
  });

  it('refuses key-level concurrency on a batch listener, and a max that is not a positive integer', async () => {
    @Injectable()
    @KafkaConsumer({ groupId: 'g' })
    class Batch {
      @KafkaListener('t', { batch: true, concurrency: { by: 'key' } })
      async handle() {}
    }
    await expect(explore(Batch)).rejects.toThrow(/Batch.handle is a batch listener; key-level concurrency/);

    @Injectable()
    @KafkaConsumer({ groupId: 'g' })
    class Zero {
      @KafkaListener('t', { concurrency: { by: 'key', max: 0 } })
      async handle() {}
    }
    await expect(explore(Zero)).rejects.toThrow(InvalidListenerError);
  });

  it('refuses an offset store with key-level concurrency or a handler timeout, or one that is not an OffsetStore', async () => {
    const store = { load: async () => new Map(), transaction: async () => undefined, save: async () => true };
    @Injectable()
    @KafkaConsumer({ groupId: 'g' })
    class ByKey {
      @KafkaListener('t', { offsetStore: store as unknown as OffsetStore, concurrency: { by: 'key' } })
      async handle() {}
    }
    await expect(explore(ByKey)).rejects.toThrow(
      /ByKey.handle has both offsetStore and concurrency: \{ by: 'key' \}; records of different keys finish out of order/,
    );

    @Injectable()
    @KafkaConsumer({ groupId: 'g' })
    class NotAStore {
      @KafkaListener('t', { offsetStore: { load: store.load } as unknown as OffsetStore })
      async handle() {}
    }
    await expect(explore(NotAStore)).rejects.toThrow(/NotAStore.handle has an offsetStore without/);

    // A timed-out handler keeps running and could commit its transaction after its record was routed.
    @Injectable()
    @KafkaConsumer({ groupId: 'g', handlerTimeoutMs: 5000 })
    class Timed {
      @KafkaListener('t', { offsetStore: store as unknown as OffsetStore })
      async handle() {}
    }
    await expect(explore(Timed)).rejects.toThrow(
      /Timed.handle has both offsetStore and a handlerTimeoutMs of 5000 ms/,
    );
  });

  it("wraps a listener with an offset store, its retry consumer's too, each under its own group", async () => {
    const store = { load: async () => new Map(), transaction: async () => undefined, save: async () => true };
    @Injectable()
    @KafkaConsumer({ groupId: 'g' })
    class Stored {
      @KafkaListener('t', {
        offsetStore: store as unknown as OffsetStore,
        errorHandling: { strategy: 'retry-topics' },
      })
      async handle() {}
    }
    const plans = await explore(Stored);
    expect(
      plans.map((p) => [
        p.options.groupId,
        p.routes.map((r) => [r.groupId, r.offsetStore === store, r.usesContext]),
      ]),
    ).toEqual([
      ['g', [['g', true, true]]],
      ['g.retry', [['g.retry', true, true]]],
    ]);
  });
});
