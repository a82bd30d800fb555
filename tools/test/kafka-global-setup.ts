// Gives the integration suite a real broker: KAFKA_BROKERS if set, else whatever listens on
// 127.0.0.1:9092, else one started here (and stopped when the suite ends) by the same
// startEmbeddedKafka() users call from nest-kafka-kit/testing.
import type { TestProject } from 'vitest/node';
import { startEmbeddedKafka } from '../../libs/kafka-kit/src/testing/embedded-kafka.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kafka = await startEmbeddedKafka({ log: (line) => console.log(`[kafka] ${line}`) });
  console.log(`[kafka] ${kafka.started ? 'started' : 'using'} the broker at ${kafka.brokers.join(',')}`);
  project.provide('kafkaBrokers', kafka.brokers);
  return () => kafka.stop();
}
