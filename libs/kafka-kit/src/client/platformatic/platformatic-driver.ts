import type { KafkaModuleOptions } from '../../interfaces/kafka-module-options.interface.js';
import type { ConsumerClient, ConsumerClientOptions } from '../consumer-client.js';
import type { KafkaDriver } from '../kafka-driver.js';
import type { ProducerClient, ProducerClientOptions } from '../producer-client.js';
import type { TopicReader } from '../topic-reader.js';
import { loadPlatformatic, type PlatformaticKafka } from './load-platformatic.js';
import { PlatformaticAdminClient } from './platformatic-admin.js';
import { PlatformaticConsumerClient } from './platformatic-consumer.js';
import { toBaseOptions } from './platformatic-options.js';
import { PlatformaticProducerClient } from './platformatic-producer.js';
import { PlatformaticTopicReader } from './platformatic-topic-reader.js';

/** The @platformatic/kafka driver (`driver: 'platformatic'`), classic or KIP-848 group protocol. */
export class PlatformaticDriver implements KafkaDriver {
  private readonly kafka: PlatformaticKafka;
  private readonly base: object;
  private readonly principal?: string;
  private sharedAdmin?: PlatformaticAdminClient;

  constructor(private readonly options: KafkaModuleOptions) {
    this.kafka = loadPlatformatic();
    this.base = toBaseOptions(options);
    if (options.sasl) this.principal = `User:${options.sasl.username}`;
  }

  createProducer(options: ProducerClientOptions): ProducerClient {
    return new PlatformaticProducerClient(this.kafka, this.base, options);
  }

  createConsumer(options: ConsumerClientOptions): ConsumerClient {
    const groupProtocol = this.options.groupProtocol ?? 'classic';
    const { groupId, appTimeouts } = options;
    return new PlatformaticConsumerClient(this.kafka, this.base, {
      principal: this.principal,
      ...options,
      groupProtocol,
      ...(groupProtocol === 'consumer' && appTimeouts
        ? { beforeJoin: () => this.admin().writeGroupTimeouts(groupId, appTimeouts) }
        : {}),
    });
  }

  createReader(groupId: string): TopicReader {
    return new PlatformaticTopicReader(this.kafka, this.base, groupId, this.principal);
  }

  admin(): PlatformaticAdminClient {
    this.sharedAdmin ??= new PlatformaticAdminClient(this.kafka, this.base);
    return this.sharedAdmin;
  }

  /** @platformatic/kafka reports through diagnostics channels, which the library does not subscribe to. */
  bypassInstrumentation(): boolean {
    return false;
  }

  async close(): Promise<void> {
    await this.sharedAdmin?.disconnect();
  }
}
