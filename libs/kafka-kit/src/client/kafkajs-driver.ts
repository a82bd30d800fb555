import type { Kafka as KafkaClient, KafkaConfig, SASLOptions } from 'kafkajs';
import { Kafka } from './kafkajs.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { parseBrokers } from '../options/kafka-options.validator.js';
import type { AdminClient } from './admin-client.js';
import type { ConsumerClient, ConsumerClientOptions } from './consumer-client.js';
import type { KafkaDriver } from './kafka-driver.js';
import { KafkajsAdminClient } from './kafkajs-admin.js';
import { KafkajsConsumerClient } from './kafkajs-consumer.js';
import { KAFKAJS_LOG_LEVEL, nestLogCreator } from './kafkajs-logger.js';
import { KafkajsProducerClient } from './kafkajs-producer.js';
import { KafkajsTopicReader } from './kafkajs-topic-reader.js';
import type { ProducerClient, ProducerClientOptions } from './producer-client.js';
import type { TopicReader } from './topic-reader.js';

export function toKafkaConfig(options: KafkaModuleOptions): KafkaConfig {
  return {
    brokers: parseBrokers(options.brokers),
    clientId: options.clientId ?? 'nest-kafka-kit',
    ssl: options.ssl,
    sasl: options.sasl as SASLOptions | undefined,
    connectionTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    retry: {
      retries: options.retry?.retries ?? 5,
      initialRetryTime: options.retry?.initialRetryTimeMs ?? 300,
      maxRetryTime: options.retry?.maxRetryTimeMs ?? 30_000,
    },
    logLevel: KAFKAJS_LOG_LEVEL[options.logLevel ?? 'warn'],
    logCreator: nestLogCreator,
  };
}

/** The kafkajs driver (the default): one kafkajs client per application. */
export class KafkajsDriver implements KafkaDriver {
  private readonly kafka: KafkaClient;
  private sharedAdmin?: KafkajsAdminClient;
  private readonly principal?: string;

  constructor(options: KafkaModuleOptions) {
    this.kafka = new Kafka(toKafkaConfig(options));
    if (options.sasl) this.principal = `User:${options.sasl.username}`;
  }

  /**
   * When @opentelemetry/instrumentation-kafkajs has wrapped kafkajs' producer and consumer
   * factories, this connection's clients use the originals the wrappers keep (`__original`):
   * the library traces its own records, and two spans per record would double every count.
   * Other kafkajs clients of the application stay instrumented.
   */
  bypassInstrumentation(): boolean {
    let bypassed = false;
    for (const factory of ['producer', 'consumer'] as const) {
      const original = (this.kafka[factory] as { __original?: unknown }).__original;
      if (typeof original !== 'function') continue;
      Object.defineProperty(this.kafka, factory, { value: original, configurable: true, writable: true });
      bypassed = true;
    }
    return bypassed;
  }

  createProducer(options: ProducerClientOptions): ProducerClient {
    return new KafkajsProducerClient(this.kafka, options);
  }

  createConsumer(options: ConsumerClientOptions): ConsumerClient {
    return new KafkajsConsumerClient(this.kafka, { principal: this.principal, ...options });
  }

  /** kafkajs has no manual assignment: the reader joins a throwaway group `groupId` that never commits. */
  createReader(groupId: string): TopicReader {
    return new KafkajsTopicReader(this.kafka, groupId, this.principal);
  }

  admin(): AdminClient {
    this.sharedAdmin ??= new KafkajsAdminClient(this.kafka.admin());
    return this.sharedAdmin;
  }

  async close(): Promise<void> {
    await this.sharedAdmin?.disconnect();
  }
}
