// Produce and consume throughput of the library against raw kafkajs doing the same work (and,
// consuming, against @nestjs/microservices' Kafka transport), on the same broker, in the same
// process, alternating runs. 1 KiB JSON values.
//   npm run bench            (a broker on KAFKA_BROKERS or 127.0.0.1:9092; `npm run kafka:up`)
//   BENCH_MESSAGES, BENCH_ROUNDS, BENCH_ONLY=produce|consume
import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  EventPattern,
  Payload as MicroservicePayload,
  Transport,
  type MicroserviceOptions,
} from '@nestjs/microservices';
import { KafkaConsumer, KafkaListener, KafkaModule, KafkaProducer, Payload } from 'nest-kafka-kit';
import { brokers, createTopic, finishLine, kafka, payload, sideBySide, uniqueTopic } from './bench-kit.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PARTITIONS = 3;
const CHUNK = 1000;

// ---- produce -------------------------------------------------------------------------------

async function rawKafkajsSendBatches(): Promise<number> {
  const topic = uniqueTopic('bench-produce-raw');
  await createTopic(topic, PARTITIONS);
  const producer = kafka.producer();
  await producer.connect();
  const t0 = performance.now();
  for (let i = 0; i < MESSAGES; i += CHUNK) {
    const messages = [];
    for (let j = i; j < Math.min(i + CHUNK, MESSAGES); j++)
      messages.push({ key: `user-${j % 1000}`, value: JSON.stringify(payload(j)) });
    await producer.send({ topic, acks: -1, messages });
  }
  const ms = performance.now() - t0;
  await producer.disconnect();
  return ms;
}

async function libraryProducer(lingerMs: number, idempotent: boolean): Promise<number> {
  const topic = uniqueTopic('bench-produce-lib');
  await createTopic(topic, PARTITIONS);
  @Module({
    imports: [
      KafkaModule.forRoot({
        brokers,
        logLevel: 'error',
        producer: { lingerMs, batchSize: CHUNK, idempotent },
      }),
    ],
  })
  class ProduceModule {}
  const app = await NestFactory.createApplicationContext(ProduceModule, { logger: ['error'] });
  const producer = app.get(KafkaProducer);
  await producer.connect();
  const t0 = performance.now();
  // What an app does: one send() per record, many in flight (here CHUNK at a time).
  for (let i = 0; i < MESSAGES; i += CHUNK) {
    const sends = [];
    for (let j = i; j < Math.min(i + CHUNK, MESSAGES); j++)
      sends.push(producer.send(topic, { key: `user-${j % 1000}`, value: payload(j) }));
    await Promise.all(sends);
  }
  const ms = performance.now() - t0;
  await app.close();
  return ms;
}

// ---- consume -------------------------------------------------------------------------------

async function filledTopic(): Promise<string> {
  const topic = uniqueTopic('bench-consume');
  await createTopic(topic, PARTITIONS);
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < MESSAGES; i += CHUNK) {
    const messages = [];
    for (let j = i; j < Math.min(i + CHUNK, MESSAGES); j++)
      messages.push({ key: `user-${j % 1000}`, value: JSON.stringify(payload(j)) });
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();
  return topic;
}

/** The same per-record work in every consumer: parse the JSON value and count it. */
async function rawKafkajsEachBatch(): Promise<number> {
  const topic = await filledTopic();
  const consumer = kafka.consumer({ groupId: uniqueTopic('bench-raw'), maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const line = finishLine(MESSAGES);
  await consumer.run({
    eachBatchAutoResolve: false,
    eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
      for (const message of batch.messages) {
        if (!isRunning() || isStale()) break;
        JSON.parse(message.value!.toString());
        resolveOffset(message.offset);
        line.hit();
      }
      await heartbeat();
    },
  });
  const ms = await line.crossed;
  await consumer.disconnect();
  return ms;
}

async function libraryListener(): Promise<number> {
  const topic = await filledTopic();
  const line = finishLine(MESSAGES);

  @Injectable()
  @KafkaConsumer({ groupId: uniqueTopic('bench-lib'), fromBeginning: true })
  class BenchListener {
    @KafkaListener(topic)
    async handle(@Payload() _click: object) {
      line.hit();
    }
  }
  @Module({ imports: [KafkaModule.forRoot({ brokers, logLevel: 'error' })], providers: [BenchListener] })
  class ConsumeModule {}
  const app = await NestFactory.createApplicationContext(ConsumeModule, { logger: ['error'] });
  const ms = await line.crossed;
  await app.close();
  return ms;
}

/** What a NestJS team would write without this library: the Kafka transport's @EventPattern. */
async function nestMicroservicesEventPattern(): Promise<number> {
  const topic = await filledTopic();
  const line = finishLine(MESSAGES);

  @Controller()
  class BenchController {
    @EventPattern(topic)
    handle(@MicroservicePayload() _click: object) {
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
  await app.listen();
  const ms = await line.crossed;
  await app.close();
  return ms;
}

// BENCH_ONLY=produce or consume runs one side (e.g. under a profiler).
const only = process.env.BENCH_ONLY;

if (only !== 'consume')
  await sideBySide('produce', MESSAGES, ROUNDS, {
    'raw kafkajs send() of 1000-record batches': rawKafkajsSendBatches,
    'KafkaProducer.send() per record, lingerMs 5': () => libraryProducer(5, false),
    'KafkaProducer.send() per record, lingerMs 0': () => libraryProducer(0, false),
    'KafkaProducer.send() per record, lingerMs 5, idempotent': () => libraryProducer(5, true),
  });
if (only !== 'produce')
  await sideBySide('consume', MESSAGES, ROUNDS, {
    'raw kafkajs eachBatch (JSON.parse)': rawKafkajsEachBatch,
    '@KafkaListener with @Payload() (JSON)': libraryListener,
    '@nestjs/microservices @EventPattern (JSON)': nestMicroservicesEventPattern,
  });
