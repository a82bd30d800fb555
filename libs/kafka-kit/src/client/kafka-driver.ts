import type { AdminClient } from './admin-client.js';
import type { ConsumerClient, ConsumerClientOptions } from './consumer-client.js';
import type { ProducerClient, ProducerClientOptions } from './producer-client.js';
import type { TopicReader } from './topic-reader.js';

/**
 * The whole of what the library needs from a Kafka client. One implementation per client
 * library (`kafkajs-driver.ts`, `platformatic/platformatic-driver.ts`); `KafkaConnection` picks
 * one from the `driver` option, and nothing outside client/ knows which.
 */
export interface KafkaDriver {
  createProducer(options: ProducerClientOptions): ProducerClient;
  createConsumer(options: ConsumerClientOptions): ConsumerClient;
  /** Reads explicit offset ranges without committing; `groupId` names the reader where the client needs a group. */
  createReader(groupId: string): TopicReader;
  /** One admin connection shared by provisioning, health and lag sampling. */
  admin(): AdminClient;
  /**
   * Makes this connection's clients bypass a client-level OpenTelemetry instrumentation of the
   * application (the library traces its own records). True if there was one to bypass.
   */
  bypassInstrumentation(): boolean;
  close(): Promise<void>;
}
