// What a NestJS team writes without this library: @nestjs/microservices' Kafka transport.
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { brokers, uniqueTopic, type FinishLine } from '../bench-kit.js';
import type { Sample } from '../sample.js';

/** @EventPattern(topic) with its JSON payload, its defaults (one partition at a time) otherwise. */
export async function eventPatternSample(
  topic: string,
  line: FinishLine,
  work: (payload: unknown) => unknown,
): Promise<Sample> {
  @Controller()
  class BenchController {
    @EventPattern(topic)
    async handle(@Payload() value: unknown) {
      await work(value);
      line.hit();
    }
  }
  @Module({ controllers: [BenchController] })
  class MicroserviceModule {}
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(MicroserviceModule, {
    transport: Transport.KAFKA,
    options: {
      client: { brokers, clientId: 'bench-microservices', logLevel: 0 },
      consumer: { groupId: uniqueTopic('bench-microservices'), maxWaitTimeInMs: 500 },
      subscribe: { fromBeginning: true },
    },
    logger: ['error'],
  });
  try {
    await app.listen();
    return await line.crossed;
  } finally {
    await app.close();
  }
}
