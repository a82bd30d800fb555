// Shared by the library's integration tests: a Nest app around KafkaModule on the test broker.
import { type INestApplicationContext, type ModuleMetadata, type Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KafkaModule, type KafkaModuleOptions } from 'nest-kafka-kit';
import { kafkaBrokers } from '../../../tools/test/helpers.js';
import { kafkaClientOptions } from '../../../tools/test/kafka-client-options.js';

/** Starts an app context with KafkaModule (test broker) plus `providers`; bootstrap included. */
export async function startKafkaApp(
  providers: Provider[],
  options: Partial<KafkaModuleOptions> = {},
  imports: ModuleMetadata['imports'] = [],
): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      KafkaModule.forRoot({
        brokers: kafkaBrokers(),
        logLevel: 'error',
        ...kafkaClientOptions(),
        ...options,
      }),
      ...imports,
    ],
    providers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error', 'warn'] });
  await app.init();
  return app;
}

export { createTopics, kafkaBrokers, uniqueName, waitFor } from '../../../tools/test/helpers.js';
