// An I/O-bound handler (a 2 ms await, as an HTTP call or a database write) on 6 partitions: what
// partition-level and key-level concurrency make of it, against @EventPattern and raw kafkajs.
import { setTimeout as sleep } from 'node:timers/promises';
import { filledTopic, finishLine } from '../bench-kit.js';
import { IO_MESSAGES } from '../config.js';
import { eventPatternSample } from '../contenders/event-pattern.js';
import { jsonListenerSample } from '../contenders/kafka-listener.js';
import { parseJson, rawEachMessage } from '../contenders/raw-kafkajs-consumer.js';
import { sideBySide } from '../side-by-side.js';

export const PARTITION_LEVEL = '@KafkaConsumer({ concurrency: 6 }), partition-level';
export const KEY_LEVEL = "@KafkaListener concurrency { by: 'key', max: 64 }";
export const IO_EVENT_PATTERN = '@nestjs/microservices @EventPattern';
const PARTITIONS = 6;
const IO_MS = 2;

const io = () => sleep(IO_MS);

export async function consumeIoBound() {
  const topic = await filledTopic('bench-io', PARTITIONS, IO_MESSAGES);
  const line = () => finishLine(IO_MESSAGES);
  return sideBySide(
    {
      id: 'io',
      headline: KEY_LEVEL,
      title: `I/O-bound handler (${IO_MS} ms await), ${PARTITIONS} partitions`,
      workload: `${IO_MESSAGES.toLocaleString('en')} records of 1 KiB JSON keyed by 1,000 users; each handler awaits ${IO_MS} ms`,
      notes: [
        '@EventPattern runs with its defaults: kafkajs eachMessage, one partition at a time.',
        `The ceiling of partition-level concurrency is ${PARTITIONS} / ${IO_MS} ms = ${(PARTITIONS / IO_MS) * 1000} records/s.`,
      ],
    },
    [
      {
        name: PARTITION_LEVEL,
        run: () => jsonListenerSample(topic, line(), io, { consumer: { concurrency: PARTITIONS } }),
      },
      {
        name: KEY_LEVEL,
        run: () =>
          jsonListenerSample(topic, line(), io, { listener: { concurrency: { by: 'key', max: 64 } } }),
      },
      { name: IO_EVENT_PATTERN, run: () => eventPatternSample(topic, line(), io) },
      {
        name: 'raw kafkajs eachMessage, partitionsConsumedConcurrently 6',
        run: () =>
          rawEachMessage(
            topic,
            line(),
            async (message) => {
              parseJson(message);
              await io();
            },
            { partitionsConsumedConcurrently: PARTITIONS },
          ),
      },
    ],
  );
}
