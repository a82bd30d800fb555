// Consuming with a handler that does nothing but parse: the cost of each consumer's own loop.
import { filledTopic, finishLine, uniqueTopic } from '../bench-kit.js';
import { MESSAGES } from '../config.js';
import { eventPatternSample } from '../contenders/event-pattern.js';
import { javaConsumerPerformance } from '../contenders/java-perf-tools.js';
import { jsonListenerSample } from '../contenders/kafka-listener.js';
import { parseJson, rawEachBatch, rawEachMessage } from '../contenders/raw-kafkajs-consumer.js';
import { tracedListenerSample } from '../contenders/traced-listener.js';
import { sideBySide } from '../side-by-side.js';

export const RAW_EACH_BATCH = 'raw kafkajs eachBatch (JSON.parse)';
export const LISTENER = '@KafkaListener, @Payload() (JSON)';
export const EVENT_PATTERN = '@nestjs/microservices @EventPattern (JSON)';
export const TRACED_LISTENER = '@KafkaListener, @Payload() (JSON), OpenTelemetry on';

const nothing = () => undefined;

export async function consumeTrivial() {
  const topic = await filledTopic('bench-consume', 3, MESSAGES);
  return sideBySide(
    {
      id: 'consume',
      headline: LISTENER,
      title: 'Consume, trivial handler',
      workload: `${MESSAGES.toLocaleString('en')} records of 1 KiB JSON, 3 partitions; each run reads the same topic in a new group and parses every record`,
      notes: [
        'Java ConsumerPerformance does not parse the records; its CPU includes JVM start-up and JIT.',
        'OpenTelemetry on: a registered SDK tracer provider whose exporter drops the spans; the records carry no traceparent.',
      ],
    },
    [
      { name: RAW_EACH_BATCH, run: () => rawEachBatch(topic, finishLine(MESSAGES), parseJson) },
      {
        name: 'raw kafkajs eachMessage (JSON.parse)',
        run: () => rawEachMessage(topic, finishLine(MESSAGES), parseJson),
      },
      { name: LISTENER, run: () => jsonListenerSample(topic, finishLine(MESSAGES), nothing) },
      {
        name: TRACED_LISTENER,
        run: () => tracedListenerSample(topic, finishLine(MESSAGES), nothing),
      },
      { name: EVENT_PATTERN, run: () => eventPatternSample(topic, finishLine(MESSAGES), nothing) },
      {
        name: 'Java ConsumerPerformance',
        run: () => javaConsumerPerformance(topic, MESSAGES, uniqueTopic('bench-java')),
      },
    ],
  );
}
