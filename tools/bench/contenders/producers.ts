// The producing contenders, each sending `total` JSON records keyed by user to a new topic.
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientKafka } from '@nestjs/microservices';
import { KafkaProducer, type KafkaModuleOptions } from 'nest-kafka-kit';
import { lastValueFrom } from 'rxjs';
import { brokers, createTopic, kafka, payload, timed, uniqueTopic } from '../bench-kit.js';
import type { Sample } from '../sample.js';
import { benchKafkaModule } from './kafka-listener.js';

export const PRODUCE_PARTITIONS = 3;
/** Records an app has in flight at once when it sends one record per call. */
const IN_FLIGHT = 1000;

export interface ProduceWorkload {
  total: number;
  bytes: number;
  acks: 1 | 'all';
}

const record = (i: number, bytes: number) => ({ key: `user-${i % 1000}`, value: payload(i, bytes) });

/** Each producing run writes a new topic, so none appends to another's log. */
export async function newProduceTopic(): Promise<string> {
  const topic = uniqueTopic('bench-produce');
  await createTopic(topic, PRODUCE_PARTITIONS);
  return topic;
}

/** Sends in windows of IN_FLIGHT concurrent single-record calls, as request handlers would. */
async function inFlightWindows(total: number, send: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < total; i += IN_FLIGHT) {
    const sends = [];
    for (let j = i; j < Math.min(i + IN_FLIGHT, total); j++) sends.push(send(j));
    await Promise.all(sends);
  }
}

/** kafkajs `send()` of `batch` records at a time, one request after the other. */
export async function rawKafkajsBatches(w: ProduceWorkload, batch: number): Promise<Sample> {
  const topic = await newProduceTopic();
  const producer = kafka.producer();
  await producer.connect();
  try {
    return await timed(w.total, async () => {
      for (let i = 0; i < w.total; i += batch) {
        const messages = [];
        for (let j = i; j < Math.min(i + batch, w.total); j++) {
          const { key, value } = record(j, w.bytes);
          messages.push({ key, value: JSON.stringify(value) });
        }
        await producer.send({ topic, acks: w.acks === 'all' ? -1 : 1, messages });
      }
    });
  } finally {
    await producer.disconnect();
  }
}

/** `KafkaProducer.send()` per record; lingering turns concurrent calls into shared requests. */
export async function kafkaProducerPerRecord(
  w: ProduceWorkload,
  lingerMs: number,
  module: Partial<KafkaModuleOptions> = {},
): Promise<Sample> {
  const topic = await newProduceTopic();
  @Module({ imports: [benchKafkaModule({ ...module, producer: { lingerMs, acks: w.acks } })] })
  class ProduceModule {}
  const app = await NestFactory.createApplicationContext(ProduceModule, { logger: ['error'] });
  try {
    const producer = app.get(KafkaProducer);
    await producer.connect();
    return await timed(w.total, () =>
      inFlightWindows(w.total, (i) => producer.send(topic, record(i, w.bytes))),
    );
  } finally {
    await app.close();
  }
}

/** @nestjs/microservices' `ClientKafka.emit()` per record (one kafkajs request each). */
export async function clientKafkaEmit(w: ProduceWorkload): Promise<Sample> {
  const topic = await newProduceTopic();
  const client = new ClientKafka({
    client: { brokers, clientId: 'bench-client-kafka', logLevel: 0 },
    producerOnlyMode: true,
    send: { acks: w.acks === 'all' ? -1 : 1 },
  });
  await client.connect();
  try {
    return await timed(w.total, () =>
      inFlightWindows(w.total, (i) => lastValueFrom(client.emit(topic, record(i, w.bytes)))),
    );
  } finally {
    await client.close();
  }
}
