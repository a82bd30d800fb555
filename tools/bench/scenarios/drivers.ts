// The two Kafka clients under the library side by side: the same @KafkaListener and the same
// KafkaProducer on kafkajs (the baseline) and on @platformatic/kafka, classic and KIP-848.
import type { KafkaModuleOptions } from 'nest-kafka-kit';
import { filledTopic, finishLine } from '../bench-kit.js';
import { MESSAGES } from '../config.js';
import { jsonListenerSample } from '../contenders/kafka-listener.js';
import { onPlatformatic, PLATFORMATIC, platformaticProblem } from '../contenders/platformatic-driver.js';
import { kafkaProducerPerRecord, PRODUCE_PARTITIONS } from '../contenders/producers.js';
import { sideBySide, type ScenarioResult } from '../side-by-side.js';

export const ON_KAFKAJS = 'kafkajs driver';
export const ON_PLATFORMATIC = "platformatic driver, groupProtocol 'classic'";
export const ON_PLATFORMATIC_KIP848 = "platformatic driver, groupProtocol 'consumer' (KIP-848)";
const KIP848: Partial<KafkaModuleOptions> = { ...PLATFORMATIC, groupProtocol: 'consumer' };

export async function driversSideBySide(): Promise<ScenarioResult[]> {
  // Where the driver cannot start, its rows carry its reason and kafkajs heads the table.
  const withPlatformatic = (await platformaticProblem()) === undefined;
  const nothing = () => undefined;
  const topic = await filledTopic('bench-drivers', 3, MESSAGES);
  const consume = await sideBySide(
    {
      id: 'drivers-consume',
      headline: withPlatformatic ? ON_PLATFORMATIC_KIP848 : ON_KAFKAJS,
      title: 'Drivers: consume, @KafkaListener trivial handler',
      workload: `${MESSAGES.toLocaleString('en')} records of 1 KiB JSON, 3 partitions; @KafkaListener with @Payload() (JSON), a new group per run`,
      notes: [],
    },
    [
      { name: ON_KAFKAJS, run: () => jsonListenerSample(topic, finishLine(MESSAGES), nothing) },
      {
        name: ON_PLATFORMATIC,
        run: onPlatformatic(() =>
          jsonListenerSample(topic, finishLine(MESSAGES), nothing, { module: PLATFORMATIC }),
        ),
      },
      {
        name: ON_PLATFORMATIC_KIP848,
        run: onPlatformatic(() =>
          jsonListenerSample(topic, finishLine(MESSAGES), nothing, { module: KIP848 }),
        ),
      },
    ],
  );
  const w = { total: MESSAGES, bytes: 1024, acks: 'all' as const };
  const produce = await sideBySide(
    {
      id: 'drivers-produce',
      headline: withPlatformatic ? ON_PLATFORMATIC : ON_KAFKAJS,
      title: 'Drivers: produce 1 KiB, acks=all, KafkaProducer.send() per record, lingerMs 5',
      workload: `${w.total.toLocaleString('en')} JSON records keyed by 1,000 users to a new ${PRODUCE_PARTITIONS}-partition topic per run; 1,000 sends in flight`,
      notes: [],
    },
    [
      { name: ON_KAFKAJS, run: () => kafkaProducerPerRecord(w, 5) },
      { name: ON_PLATFORMATIC, run: onPlatformatic(() => kafkaProducerPerRecord(w, 5, PLATFORMATIC)) },
    ],
  );
  return [consume, produce];
}
