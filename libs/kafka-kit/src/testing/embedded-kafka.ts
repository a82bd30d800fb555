import type * as Launcher from '../../embedded/cluster.mjs';

/** Options of {@link startEmbeddedKafka}. */
export interface EmbeddedKafkaOptions {
  /** @default 1 */
  brokers?: number;
  /** First client port; brokers use port..port+n-1, controllers port+100... @default KAFKA_PORT, else 9092 */
  port?: number;
  /** Apache Kafka version (its jars come from Maven Central once, then from a cache). @default 4.3.1 */
  version?: string;
  /** Where pid files, configs, data and logs go. @default '.kafka' in the working directory */
  stateDir?: string;
  /** Use a broker already listening on `port` instead of failing. @default true */
  reuseRunning?: boolean;
  /** @default console.log */
  log?: (line: string) => void;
}

/** A running broker (or cluster) for a test suite. */
export interface EmbeddedKafka {
  /** Bootstrap servers, e.g. `['127.0.0.1:9092']`. */
  brokers: string[];
  /** Whether this call started it (and `stop()` will stop it). */
  started: boolean;
  /** Stops the broker if this call started it; does nothing otherwise. */
  stop(): Promise<void>;
}

// The launcher is plain JavaScript shipped beside dist/ (it also backs `npm run kafka:up`);
// loaded lazily so apps that never call this never touch it.
const launcher = (): Promise<typeof Launcher> =>
  import(new URL('../../embedded/cluster.mjs', import.meta.url).href) as Promise<typeof Launcher>;

/**
 * Gives a test suite a real Apache Kafka, like Spring's embedded Kafka but a real broker
 * process (KRaft, from Maven Central jars; needs a JDK 17+ and Maven). Uses `KAFKA_BROKERS`
 * when set, reuses a broker already on `port`, else starts one; `stop()` stops only what it
 * started. Typical use: Vitest/Jest global setup.
 */
export async function startEmbeddedKafka(options: EmbeddedKafkaOptions = {}): Promise<EmbeddedKafka> {
  const { DEFAULT_PORT, bootstrapServers, down, portOpen, up } = await launcher();
  const { port = DEFAULT_PORT, reuseRunning = true, log = console.log } = options;
  const fromEnv = process.env.KAFKA_BROKERS;
  if (fromEnv) return { brokers: fromEnv.split(','), started: false, stop: async () => {} };
  if (reuseRunning && (await portOpen(port))) {
    return { brokers: [`127.0.0.1:${port}`], started: false, stop: async () => {} };
  }
  const { cluster } = await up({ ...options, port, log });
  return {
    brokers: bootstrapServers(cluster).split(','),
    started: true,
    stop: async () => {
      await down({ port, stateDir: options.stateDir, log });
    },
  };
}
