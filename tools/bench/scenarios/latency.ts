// End-to-end latency at a fixed rate: KafkaProducer (lingerMs 5) -> @KafkaListener in one app,
// beside raw kafkajs doing the same by hand (a 5 ms linger -> eachMessage). The payload carries
// its send time; the topic stamps each record with the broker's append time (LogAppendTime), so
// every record's latency splits into producing (send -> appended) and delivering (appended ->
// handler), and the send's own acknowledgement is timed too. The library's pair runs on both
// drivers: the p99 target is judged on kafkajs, the default.
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  Ctx,
  KafkaConsumer,
  KafkaContext,
  KafkaListener,
  KafkaProducer,
  Payload,
  type KafkaModuleOptions,
} from 'nest-kafka-kit';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTopic, finishLine, kafka, payload, uniqueTopic, type FinishLine } from '../bench-kit.js';
import { LATENCY_RATE, LATENCY_SECONDS } from '../config.js';
import { benchKafkaModule } from '../contenders/kafka-listener.js';
import { onPlatformatic, PLATFORMATIC } from '../contenders/platformatic-driver.js';
import { isUnavailable, type LatencyParts, type Outcome, type Sample } from '../sample.js';
import { sideBySide } from '../side-by-side.js';
import { percentile } from '../stats.js';
import { shareInStalls, startStallProbe, STALL_THRESHOLD_MS, type Stall } from '../stall-probe.js';

export const LINGER_TO_LISTENER = 'KafkaProducer lingerMs 5 -> @KafkaListener';
const LINGER_TO_LISTENER_PLATFORMATIC = `${LINGER_TO_LISTENER}, platformatic driver`;
const RAW_LINGER_TO_EACH_MESSAGE = 'raw kafkajs, 5 ms linger by hand -> eachMessage';
const LINGER_MS = 5;
const TOTAL = LATENCY_RATE * LATENCY_SECONDS;
/** Warm-up records (negative ids) go out until one arrives: the consumer then has its partitions. */
const WARM_UP_EVERY_MS = 50;
/** The broker stamps records when it appends them: the split point between the two sides. */
const APPEND_TIME = [{ name: 'message.timestamp.type', value: 'LogAppendTime' }];

type TimedRecord = ReturnType<typeof payload> & { sentAt: number };
type Send = (record: TimedRecord) => Promise<unknown>;

/** Epoch milliseconds with a fraction: comparable with the broker's append timestamp. */
const now = () => performance.timeOrigin + performance.now();
const timedRecord = (id: number): TimedRecord => ({ ...payload(id), sentAt: now() });

/** Receives records, answering warm-up ones and timing the rest. */
function latencyRecorder(line: FinishLine) {
  const sentAt = new Float64Array(TOTAL);
  const ackedAt = new Float64Array(TOTAL);
  const appendedAt = new Float64Array(TOTAL);
  const receivedAt = new Float64Array(TOTAL);
  let warm!: () => void;
  const warmedUp = new Promise<void>((resolve) => (warm = resolve));
  return {
    warmedUp,
    sent(record: TimedRecord, sending: Promise<unknown>) {
      sentAt[record.id] = record.sentAt;
      return sending.then(() => (ackedAt[record.id] = now()));
    },
    /** `appended`: the record's timestamp, the broker's append time (whole milliseconds). */
    receive(record: TimedRecord, appended: number) {
      if (record.id < 0) return warm();
      receivedAt[record.id] = now();
      appendedAt[record.id] = appended;
      line.hit();
    },
    latencies(stalls: Stall[]): { total: number[]; parts: LatencyParts } {
      const each = (f: (i: number) => number) => Array.from({ length: TOTAL }, (_, i) => f(i));
      const p = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
      const total = each((i) => receivedAt[i]! - sentAt[i]!);
      const p99 = percentile(total, 99);
      const ids = each((i) => i);
      const inStalls = (records: number[]) => shareInStalls(records, sentAt, receivedAt, stalls);
      return {
        total,
        parts: {
          tailInStalls: inStalls(ids.filter((i) => total[i]! >= p99)),
          restInStalls: inStalls(ids.filter((i) => total[i]! < p99)),
          acknowledged: p(each((i) => ackedAt[i]! - sentAt[i]!)),
          // The append time is truncated to the millisecond: up to 1 ms moves from here to delivery.
          appended: p(each((i) => appendedAt[i]! - sentAt[i]!)),
          delivered: p(each((i) => receivedAt[i]! - appendedAt[i]!)),
        },
      };
    },
  };
}
type Recorder = ReturnType<typeof latencyRecorder>;

/** Warms up, sends TOTAL records at LATENCY_RATE and returns the timed window with its latencies. */
async function measure(send: Send, recorder: Recorder, line: FinishLine): Promise<Sample> {
  const warming = setInterval(() => void send(timedRecord(-1)), WARM_UP_EVERY_MS);
  await recorder.warmedUp.finally(() => clearInterval(warming));
  // How late timers and I/O callbacks ran: producer, consumer and sender share this loop.
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const probe = startStallProbe();
  const t0 = performance.now();
  const sends: Promise<unknown>[] = [];
  // Each tick sends what is due by now: a fixed rate whatever the timer's resolution.
  while (sends.length < TOTAL) {
    const due = Math.min(TOTAL, Math.floor(((performance.now() - t0) * LATENCY_RATE) / 1000));
    while (sends.length < due) {
      const record = timedRecord(sends.length);
      sends.push(recorder.sent(record, send(record)));
    }
    await sleep(1);
  }
  const sample = await line.crossed;
  loopDelay.disable();
  const stalls = await probe.stop();
  await Promise.all(sends);
  const { total, parts } = recorder.latencies(stalls);
  const loopDelayP99 = loopDelay.percentile(99) / 1e6;
  return {
    ...sample,
    latencyMs: {
      p50: percentile(total, 50),
      p99: percentile(total, 99),
      max: Math.max(...total),
      loopDelayP99,
    },
    latencyParts: parts,
  };
}

async function kafkaProducerToListener(module: Partial<KafkaModuleOptions> = {}): Promise<Sample> {
  const topic = uniqueTopic('bench-latency');
  await createTopic(topic, 3, APPEND_TIME);
  const line = finishLine(TOTAL);
  const recorder = latencyRecorder(line);

  @Injectable()
  @KafkaConsumer({ groupId: uniqueTopic('bench-latency'), fromBeginning: true })
  class LatencyListener {
    @KafkaListener(topic)
    async handle(@Payload() record: TimedRecord, @Ctx() ctx: KafkaContext) {
      recorder.receive(record, ctx.timestamp);
    }
  }
  @Module({
    imports: [benchKafkaModule({ ...module, producer: { lingerMs: LINGER_MS } })],
    providers: [LatencyListener],
  })
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

/** What KafkaProducer's linger does, by hand: records sent within LINGER_MS share one send(). */
function lingeringSend(producer: ReturnType<typeof kafka.producer>, topic: string): Send {
  let pending: { key: string; value: string }[] = [];
  let flushed: Promise<unknown> = Promise.resolve();
  return (record) => {
    if (pending.length === 0)
      flushed = sleep(LINGER_MS).then(() => {
        const messages = pending;
        pending = [];
        return producer.send({ topic, acks: -1, messages });
      });
    pending.push({ key: `user-${record.id % 1000}`, value: JSON.stringify(record) });
    return flushed;
  };
}

async function rawLingerToEachMessage(): Promise<Sample> {
  const topic = uniqueTopic('bench-latency-raw');
  await createTopic(topic, 3, APPEND_TIME);
  const line = finishLine(TOTAL);
  const recorder = latencyRecorder(line);
  const producer = kafka.producer();
  // The library's fetchMaxWaitMs default; otherwise kafkajs' defaults.
  const consumer = kafka.consumer({ groupId: uniqueTopic('bench-latency-raw'), maxWaitTimeInMs: 500 });
  await Promise.all([producer.connect(), consumer.connect()]);
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) =>
        recorder.receive(JSON.parse(message.value!.toString()), Number(message.timestamp)),
    });
    return await measure(lingeringSend(producer, topic), recorder, line);
  } finally {
    await Promise.all([producer.disconnect(), consumer.disconnect()]);
  }
}

const partsLine = (name: string, samples: LatencyParts[]) => {
  const med = (f: (p: LatencyParts) => number) => percentile(samples.map(f), 50).toFixed(1);
  const pct = (f: (p: LatencyParts) => number) => `${(percentile(samples.map(f), 50) * 100).toFixed(0)}%`;
  return (
    `${name}: send -> appended p50 ${med((p) => p.appended.p50)} / p99 ${med((p) => p.appended.p99)} ms, ` +
    `appended -> handler p50 ${med((p) => p.delivered.p50)} / p99 ${med((p) => p.delivered.p99)} ms, ` +
    `send -> acknowledged p50 ${med((p) => p.acknowledged.p50)} / p99 ${med((p) => p.acknowledged.p99)} ms; ` +
    `in flight during a machine stall: ${pct((p) => p.tailInStalls)} of the records at or above the p99, ` +
    `${pct((p) => p.restInStalls)} of the others.`
  );
};

/** Wraps a contender to keep each run's latency parts for the scenario's notes. */
function keepingParts(name: string, run: () => Promise<Outcome>, kept: Map<string, LatencyParts[]>) {
  kept.set(name, []);
  return {
    name,
    run: async () => {
      const sample = await run();
      if (!isUnavailable(sample)) kept.get(name)!.push(sample.latencyParts!);
      return sample;
    },
  };
}

export async function endToEndLatency() {
  const parts = new Map<string, LatencyParts[]>();
  const result = await sideBySide(
    {
      id: 'latency',
      headline: LINGER_TO_LISTENER,
      title: `End-to-end latency at ${LATENCY_RATE.toLocaleString('en')} records/s`,
      workload: `${LATENCY_SECONDS} s at ${LATENCY_RATE.toLocaleString('en')} records/s of 1 KiB JSON, 3 partitions, acks=all; producer and consumer in one process, send time in the payload`,
      notes: [
        'CPU per record covers producing and consuming it. Loop delay p99: how late the event loop ran callbacks during the run (perf_hooks, 1 ms resolution); a latency p99 far above the linger that moves with it is the machine stalling the process.',
        `Each record's latency in parts (medians of the runs' percentiles), split at the broker's append time (LogAppendTime, whole milliseconds); a machine stall is a tick of a separate idle Node process (every 1 ms) more than ${STALL_THRESHOLD_MS} ms late:`,
      ],
    },
    [
      keepingParts(RAW_LINGER_TO_EACH_MESSAGE, rawLingerToEachMessage, parts),
      keepingParts(LINGER_TO_LISTENER, () => kafkaProducerToListener(), parts),
      keepingParts(
        LINGER_TO_LISTENER_PLATFORMATIC,
        onPlatformatic(() => kafkaProducerToListener(PLATFORMATIC)),
        parts,
      ),
    ],
  );
  for (const [name, samples] of parts) if (samples.length > 0) result.notes.push(partsLine(name, samples));
  console.log(result.notes.slice(2).join('\n'));
  return result;
}
