import type { ConnectionOptions } from 'node:tls';
import type { ConsumerDefaults } from './consumer-options.interface.js';
import type { ErrorHandlingOptions } from './error-handling-options.interface.js';
import type { ProducerOptions } from './producer-options.interface.js';
import type { TopicDeclaration } from './topic-declaration.interface.js';

/** SASL credentials. The password never appears in logs or error messages. */
export interface KafkaSaslOptions {
  /** The SASL mechanism the broker's listener accepts. */
  mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
  /** The SASL user; the principal is `User:<username>`. */
  username: string;
  /** The SASL password; never logged. */
  password: string;
}

/** How the client retries failed broker requests (kafkajs' exponential back-off). */
export interface KafkaRetryOptions {
  /** @default 5 */
  retries?: number;
  /** @default 300 */
  initialRetryTimeMs?: number;
  /** @default 30000 */
  maxRetryTimeMs?: number;
}

/** How much of kafkajs' own logging reaches Nest's Logger; `nothing` silences it. */
export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

/** The Kafka client library under the library: kafkajs, or @platformatic/kafka (installed by the app). */
export type KafkaDriverName = 'kafkajs' | 'platformatic';

/** The consumer group protocol: the classic one, or KIP-848's `consumer` (server-side assignment). */
export type KafkaGroupProtocol = 'classic' | 'consumer';

/** Options of `KafkaModule.forRoot()` / `forRootAsync()`. */
export interface KafkaModuleOptions {
  /**
   * The Kafka client: `'kafkajs'`, or `'platformatic'` for @platformatic/kafka (an optional peer
   * dependency, on the Node.js versions its `engines` admit), which also speaks KIP-848's group protocol.
   * @default 'kafkajs'
   */
  driver?: KafkaDriverName;
  /**
   * Group protocol of every consumer. `'consumer'` (KIP-848, Kafka >= 4.0) needs the platformatic
   * driver: the broker assigns partitions, and live members keep consuming while a dead member's
   * session times out.
   * @default 'classic'
   */
  groupProtocol?: KafkaGroupProtocol;
  /** Bootstrap servers: `['host:9092', ...]` or a comma-separated string (as in KAFKA_BROKERS). */
  brokers: string[] | string;
  /** @default 'nest-kafka-kit' */
  clientId?: string;
  /** `true` for TLS with the system CAs, or Node TLS options. @default false */
  ssl?: boolean | ConnectionOptions;
  /** SASL authentication (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). @default none */
  sasl?: KafkaSaslOptions;
  /** Time to open a broker connection. @default 3000 */
  connectionTimeoutMs?: number;
  /** Time a broker has to answer a request. @default 30000 */
  requestTimeoutMs?: number;
  /**
   * How the client retries failed broker requests. @default { retries: 5, initialRetryTimeMs: 300,
   * maxRetryTimeMs: 30000 }
   */
  retry?: KafkaRetryOptions;
  /** Client log level; logs go through Nest's Logger (context "Kafka"). @default 'warn' */
  logLevel?: KafkaLogLevel;
  /** Defaults for every `@KafkaConsumer`; a consumer's and a listener's own options win. */
  consumerDefaults?: ConsumerDefaults;
  /**
   * Error handling of every listener that sets none (nor its consumer). Stop on error is the
   * default because it never loses or reorders a record; choose per listener what fits.
   * @default { strategy: 'stop' }
   */
  errorHandling?: ErrorHandlingOptions;
  /** Options of the injectable KafkaProducer (and its defaults). @default {} */
  producer?: ProducerOptions;
  /** Topics to create at startup when missing (listeners may declare theirs too). */
  topics?: TopicDeclaration[];
  /**
   * Apply a declared partition count above the existing one. Off by default because adding
   * partitions moves keys to other partitions (per-key order breaks across the change).
   * @default false
   */
  allowPartitionIncrease?: boolean;
  /**
   * OpenTelemetry tracing of produced and consumed records (needs `@opentelemetry/api`): context
   * in the headers of each record sent, a CONSUMER span around each handler, failures and their
   * outcome on it. `'auto'`: on when a tracer provider is registered (the SDK started) before the
   * module starts; `true`: on whenever the API is installed; `false`: the API is not even loaded.
   * @default 'auto'
   */
  tracing?: boolean | 'auto';
}
