// The two Kafka clients under the library side by side: the same @KafkaListener and the same
// KafkaProducer on kafkajs (the baseline) and on @platformatic/kafka, classic and KIP-848.
import type { KafkaModuleOptions } from 'nest-kafka-kit';
import { filledTopic, finishLine } from '../bench-kit.js';
import { MESSAGES } from '../config.js';
import { jsonListenerSample } from '../contenders/kafka-listener.js';
import { kafkaProducerPerRecord, PRODUCE_PARTITIONS } from '../contenders/producers.js';
import { sideBySide, type ScenarioResult } from '../side-by-side.js';

export const ON_KAFKAJS = 'kafkajs driver';
export const ON_PLATFORMATIC = "platformatic driver, groupProtocol 'classic'";
export const ON_PLATFORMATIC_KIP848 = "platformatic driver, groupProtocol 'consumer' (KIP-848)";
const PLATFORMATIC: Partial<KafkaModuleOptions> = { driver: 'platformatic' };
const KIP848: Partial<KafkaModuleOptions> = { driver: 'platformatic', groupProtocol: 'consumer' };

/** @platformatic/kafka's engines: on an older Node.js its contenders are left out, and the report says so. */
function platformaticRuns(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return (major === 22 && minor >= 22) || (major === 24 && minor >= 6) || major >= 25;
}

const skippedNote = `the platformatic contenders need Node.js >= 22.22 or >= 24.6; this run is on ${process.version} and left them out`;

export async function driversSideBySide(): Promise<ScenarioResult[]> {
  const withPlatformatic = platformaticRuns();
  const nothing = () => undefined;
  const topic = await filledTopic('bench-drivers', 3, MESSAGES);
  const consume = await sideBySide(
    {
      id: 'drivers-consume',
      headline: withPlatformatic ? ON_PLATFORMATIC_KIP848 : ON_KAFKAJS,
      title: 'Drivers: consume, @KafkaListener trivial handler',
      workload: `${MESSAGES.toLocaleString('en')} records of 1 KiB JSON, 3 partitions; @KafkaListener with @Payload() (JSON), a new group per run`,
      notes: withPlatformatic ? [] : [skippedNote],
    },
    [
      { name: ON_KAFKAJS, run: () => jsonListenerSample(topic, finishLine(MESSAGES), nothing) },
      ...(withPlatformatic
        ? [
            {
              name: ON_PLATFORMATIC,
              run: () => jsonListenerSample(topic, finishLine(MESSAGES), nothing, { module: PLATFORMATIC }),
            },
            {
              name: ON_PLATFORMATIC_KIP848,
              run: () => jsonListenerSample(topic, finishLine(MESSAGES), nothing, { module: KIP848 }),
            },
          ]
        : []),
    ],
  );
  const w = { total: MESSAGES, bytes: 1024, acks: 'all' as const };
  const produce = await sideBySide(
    {
      id: 'drivers-produce',
      headline: withPlatformatic ? ON_PLATFORMATIC : ON_KAFKAJS,
      title: 'Drivers: produce 1 KiB, acks=all, KafkaProducer.send() per record, lingerMs 5',
      workload: `${w.total.toLocaleString('en')} JSON records keyed by 1,000 users to a new ${PRODUCE_PARTITIONS}-partition topic per run; 1,000 sends in flight`,
      notes: withPlatformatic ? [] : [skippedNote],
    },
    [
      { name: ON_KAFKAJS, run: () => kafkaProducerPerRecord(w, 5) },
      ...(withPlatformatic
        ? [{ name: ON_PLATFORMATIC, run: () => kafkaProducerPerRecord(w, 5, PLATFORMATIC) }]
        : []),
    ],
  );
  return [consume, produce];
}
