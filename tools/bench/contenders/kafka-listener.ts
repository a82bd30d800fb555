// The library's consumer: a Nest application holding @KafkaListener providers, run until its
// finish line is crossed.
import { Injectable, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  KafkaConsumer,
  KafkaListener,
  KafkaModule,
  Payload,
  type KafkaConsumerOptions,
  type KafkaListenerOptions,
  type KafkaModuleOptions,
} from 'nest-kafka-kit';
import { brokers, uniqueTopic, type FinishLine } from '../bench-kit.js';
import type { Sample } from '../sample.js';

/** KafkaModule as every bench app configures it, plus the scenario's own options. */
export const benchKafkaModule = (options: Partial<KafkaModuleOptions> = {}) =>
  KafkaModule.forRoot({ brokers, logLevel: 'error', ...options });

/** Boots `module`, waits for `line` (its listeners hit it), and closes the app either way. */
export async function listenerSample(module: Type, line: FinishLine): Promise<Sample> {
  const app = await NestFactory.createApplicationContext(module, { logger: ['error'] });
  try {
    return await line.crossed;
  } finally {
    await app.close();
  }
}

export interface ListenerSetup {
  consumer?: Omit<KafkaConsumerOptions, 'groupId'>;
  listener?: KafkaListenerOptions;
  module?: Partial<KafkaModuleOptions>;
}

/**
 * A @KafkaListener with a JSON @Payload() that runs `work` on each record. A record counts when
 * its handler is done with it, also when `work` throws (the error strategy takes it from there).
 */
export function jsonListenerSample(
  topic: string,
  line: FinishLine,
  work: (payload: object) => unknown,
  setup: ListenerSetup = {},
): Promise<Sample> {
  @Injectable()
  @KafkaConsumer({ groupId: uniqueTopic('bench-lib'), fromBeginning: true, ...setup.consumer })
  class BenchListener {
    @KafkaListener(topic, setup.listener)
    async handle(@Payload() value: object) {
      try {
        await work(value);
      } finally {
        line.hit();
      }
    }
  }
  @Module({ imports: [benchKafkaModule(setup.module)], providers: [BenchListener] })
  class BenchModule {}
  return listenerSample(BenchModule, line);
}
