// Gives the integration suite a real broker: KAFKA_BROKERS if set, else whatever listens on
// 127.0.0.1:9092, else a broker started here from tools/kafka and stopped when the suite ends.
import type { TestProject } from 'vitest/node';
import { DEFAULT_PORT, bootstrapServers, down, portOpen, up } from '../kafka/cluster.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string[];
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.KAFKA_BROKERS) {
    project.provide('kafkaBrokers', process.env.KAFKA_BROKERS.split(','));
    console.log(`[kafka] using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
    return undefined;
  }
  if (await portOpen(DEFAULT_PORT)) {
    project.provide('kafkaBrokers', [`127.0.0.1:${DEFAULT_PORT}`]);
    console.log(`[kafka] using the broker already listening on 127.0.0.1:${DEFAULT_PORT}`);
    return undefined;
  }
  const { cluster } = await up({ log: (line: string) => console.log(`[kafka] ${line}`) });
  console.log(`[kafka] started Kafka ${cluster.version} at ${bootstrapServers(cluster)} for this run`);
  project.provide('kafkaBrokers', bootstrapServers(cluster).split(','));
  return async () => {
    await down({ log: (line: string) => console.log(`[kafka] ${line}`) });
  };
}
