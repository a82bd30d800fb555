import type { Kafka as KafkaClient, KafkaConfig, SASLOptions } from 'kafkajs';
import { Kafka } from './kafkajs.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { parseBrokers } from '../options/kafka-options.validator.js';
import { AdminClient } from './admin-client.js';
import { ConsumerClient, type ConsumerClientOptions } from './consumer-client.js';
import { TopicReader } from './topic-reader.js';
import { KAFKAJS_LOG_LEVEL, nestLogCreator } from './kafkajs-logger.js';
import { ProducerClient, type ProducerClientOptions } from './producer-client.js';

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

/**
 * The one kafkajs client of an application. Everything else in the library talks to Kafka
 * through the producer, consumer and admin wrappers it hands out, never through kafkajs.
 */
export class KafkaConnection {
  private readonly kafka: KafkaClient;
  private sharedAdmin?: AdminClient;
  private readonly principal?: string;

  constructor(options: KafkaModuleOptions) {
    this.kafka = new Kafka(toKafkaConfig(options));
    if (options.sasl) this.principal = `User:${options.sasl.username}`;
  }

  /**
   * When @opentelemetry/instrumentation-kafkajs has wrapped kafkajs' producer and consumer
   * factories, this connection's clients use the originals the wrappers keep (`__original`):
   * the library traces its own records, and two spans per record would double every count.
   * Other kafkajs clients of the application stay instrumented. True if anything was wrapped.
   */
  bypassKafkajsInstrumentation(): boolean {
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
    return new ProducerClient(this.kafka, options);
  }

  createConsumer(options: ConsumerClientOptions): ConsumerClient {
    return new ConsumerClient(this.kafka, { principal: this.principal, ...options });
  }

  /** Reads explicit offset ranges through a throwaway group `groupId` that never commits. */
  createReader(groupId: string): TopicReader {
    return new TopicReader(this.kafka, groupId, this.principal);
  }

  /** One admin connection shared by provisioning, health and lag sampling. */
  admin(): AdminClient {
    this.sharedAdmin ??= new AdminClient(this.kafka.admin());
    return this.sharedAdmin;
  }

  async close(): Promise<void> {
    await this.sharedAdmin?.disconnect();
  }
}
