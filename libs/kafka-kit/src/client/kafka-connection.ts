import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import type { AdminClient } from './admin-client.js';
import type { ConsumerClient, ConsumerClientOptions } from './consumer-client.js';
import { createDriver } from './create-driver.js';
import type { KafkaDriver } from './kafka-driver.js';
import type { ProducerClient, ProducerClientOptions } from './producer-client.js';
import type { TopicReader } from './topic-reader.js';

/**
 * The one Kafka connection of an application, over the driver its options choose. Everything
 * else in the library talks to Kafka through the producer, consumer and admin clients it hands
 * out, never through a client library.
 */
export class KafkaConnection {
  private readonly driver: KafkaDriver;

  constructor(options: KafkaModuleOptions) {
    this.driver = createDriver(options);
  }

  /** See KafkaDriver.bypassInstrumentation. */
  bypassInstrumentation(): boolean {
    return this.driver.bypassInstrumentation();
  }

  createProducer(options: ProducerClientOptions): ProducerClient {
    return this.driver.createProducer(options);
  }

  createConsumer(options: ConsumerClientOptions): ConsumerClient {
    return this.driver.createConsumer(options);
  }

  /** Reads explicit offset ranges, never committing (`groupId` names the reader). */
  createReader(groupId: string): TopicReader {
    return this.driver.createReader(groupId);
  }

  /** One admin connection shared by provisioning, health and lag sampling. */
  admin(): AdminClient {
    return this.driver.admin();
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
