// End-to-end latency at a fixed rate: KafkaProducer (lingerMs 5) -> @KafkaListener in one app,
// beside raw kafkajs (one send() per record -> eachMessage). The payload carries its send time.
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaConsumer, KafkaListener, KafkaProducer, Payload } from 'nest-kafka-kit';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTopic, finishLine, kafka, payload, uniqueTopic, type FinishLine } from '../bench-kit.js';
import { LATENCY_RATE, LATENCY_SECONDS } from '../config.js';
import { benchKafkaModule } from '../contenders/kafka-listener.js';
import type { Sample } from '../sample.js';
import { sideBySide } from '../side-by-side.js';
import { percentile } from '../stats.js';

export const LINGER_TO_LISTENER = 'KafkaProducer lingerMs 5 -> @KafkaListener';
const TOTAL = LATENCY_RATE * LATENCY_SECONDS;
/** Warm-up records (negative ids) go out until one arrives: the consumer then has its partitions. */
const WARM_UP_EVERY_MS = 50;

type TimedRecord = ReturnType<typeof payload> & { sentAt: number };
type Send = (record: TimedRecord) => Promise<unknown>;

const timedRecord = (id: number): TimedRecord => ({ ...payload(id), sentAt: performance.now() });

/** Receives records, answering warm-up ones and timing the rest. */
function latencyRecorder(line: FinishLine) {
  const latencies: number[] = [];
  let warm!: () => void;
  const warmedUp = new Promise<void>((resolve) => (warm = resolve));
  return {
    warmedUp,
    latencies,
    receive(record: TimedRecord) {
      if (record.id < 0) return warm();
      latencies.push(performance.now() - record.sentAt);
      line.hit();
    },
  };
}

/** Warms up, sends TOTAL records at LATENCY_RATE and returns the timed window with its latencies. */
async function measure(send: Send, recorder: ReturnType<typeof latencyRecorder>, line: FinishLine) {
  const warming = setInterval(() => void send(timedRecord(-1)), WARM_UP_EVERY_MS);
  await recorder.warmedUp.finally(() => clearInterval(warming));
  // How late timers and I/O callbacks ran: producer, consumer and sender share this loop.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const t0 = performance.now();
  const sends: Promise<unknown>[] = [];
  // Each tick sends what is due by now: a fixed rate whatever the timer's resolution.
  while (sends.length < TOTAL) {
    const due = Math.min(TOTAL, Math.floor(((performance.now() - t0) * LATENCY_RATE) / 1000));
    while (sends.length < due) sends.push(send(timedRecord(sends.length)));
    await sleep(1);
  }
  const sample = await line.crossed;
  loopDelay.disable();
  await Promise.all(sends);
  const l = recorder.latencies;
  const loopDelayP99 = loopDelay.percentile(99) / 1e6;
  return {
    ...sample,
    latencyMs: { p50: percentile(l, 50), p99: percentile(l, 99), max: Math.max(...l), loopDelayP99 },
  };
}

async function kafkaProducerToListener(): Promise<Sample> {
  const topic = uniqueTopic('bench-latency');
  await createTopic(topic, 3);
  const line = finishLine(TOTAL);
  const recorder = latencyRecorder(line);

  @Injectable()
  @KafkaConsumer({ groupId: uniqueTopic('bench-latency'), fromBeginning: true })
  class LatencyListener {
    @KafkaListener(topic)
    async handle(@Payload() record: TimedRecord) {
      recorder.receive(record);
    }
  }
  @Module({ imports: [benchKafkaModule({ producer: { lingerMs: 5 } })], providers: [LatencyListener] })
  class LatencyModule {}
  const app = await NestFactory.createApplicationContext(LatencyModule, { logger: ['error'] });
  try {
    const producer = app.get(KafkaProducer);
    const send: Send = (record) => producer.send(topic, { key: `user-${record.id % 1000}`, value: record });
    return await measure(send, recorder, line);
  } finally {
    await app.close();
  }
}

async function rawKafkajsPerRecord(): Promise<Sample> {
  const topic = uniqueTopic('bench-latency-raw');
  await createTopic(topic, 3);
  const line = finishLine(TOTAL);
  const recorder = latencyRecorder(line);
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId: uniqueTopic('bench-latency-raw'), maxWaitTimeInMs: 500 });
  await Promise.all([producer.connect(), consumer.connect()]);
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => recorder.receive(JSON.parse(message.value!.toString())),
    });
    const send: Send = (record) =>
      producer.send({
        topic,
        acks: -1,
        messages: [{ key: `user-${record.id % 1000}`, value: JSON.stringify(record) }],
      });
    return await measure(send, recorder, line);
  } finally {
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  }
}

export function endToEndLatency() {
  return sideBySide(
    {
      id: 'latency',
      headline: LINGER_TO_LISTENER,
      title: `End-to-end latency at ${LATENCY_RATE.toLocaleString('en')} records/s`,
      workload: `${LATENCY_SECONDS} s at ${LATENCY_RATE.toLocaleString('en')} records/s of 1 KiB JSON, 3 partitions, acks=all; producer and consumer in one process, send time in the payload`,
      notes: [
        'CPU per record covers producing and consuming it. Loop delay p99: how late the event loop ran callbacks during the run (perf_hooks, 1 ms resolution); a latency p99 far above the linger that moves with it is the machine stalling the process.',
      ],
    },
    [
      { name: 'raw kafkajs send() per record -> eachMessage', run: rawKafkajsPerRecord },
      { name: LINGER_TO_LISTENER, run: kafkaProducerToListener },
    ],
  );
}
