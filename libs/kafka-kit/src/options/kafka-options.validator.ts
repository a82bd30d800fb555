import { InvalidKafkaOptionsError } from '../errors/invalid-kafka-options.error.js';
import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';

const HOST_PORT = /^[^\s:,]+:\d{1,5}$/;
const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'];
const LOG_LEVELS = ['nothing', 'error', 'warn', 'info', 'debug'];
const CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'];
const DRIVERS = ['kafkajs', 'platformatic'];
const GROUP_PROTOCOLS = ['classic', 'consumer'];

function positiveInt(value: unknown, option: string, { allowZero = false } = {}): void {
  if (value === undefined) return;
  const ok = typeof value === 'number' && Number.isInteger(value) && (allowZero ? value >= 0 : value > 0);
  if (!ok)
    throw new InvalidKafkaOptionsError(
      option,
      `expected a ${allowZero ? 'non-negative' : 'positive'} integer, got ${JSON.stringify(value)}`,
    );
}

/** Normalizes `brokers` (array or comma-separated string) into a list of host:port. */
export function parseBrokers(brokers: KafkaModuleOptions['brokers'] | undefined): string[] {
  const list = (Array.isArray(brokers) ? brokers : String(brokers ?? '').split(','))
    .map((b) => String(b).trim())
    .filter(Boolean);
  if (list.length === 0)
    throw new InvalidKafkaOptionsError('brokers', 'at least one broker (host:port) is required');
  const bad = list.find((b) => !HOST_PORT.test(b));
  if (bad) throw new InvalidKafkaOptionsError('brokers', `"${bad}" is not host:port`);
  return list;
}

/**
 * Fails fast on options that cannot work, naming the option. Values of secrets (SASL
 * password, TLS keys) never reach the message.
 */
export function validateKafkaOptions(options: KafkaModuleOptions): void {
  parseBrokers(options.brokers);
  if (options.driver !== undefined && !DRIVERS.includes(options.driver)) {
    throw new InvalidKafkaOptionsError('driver', `must be one of ${DRIVERS.join(', ')}`);
  }
  if (options.groupProtocol !== undefined && !GROUP_PROTOCOLS.includes(options.groupProtocol)) {
    throw new InvalidKafkaOptionsError('groupProtocol', `must be one of ${GROUP_PROTOCOLS.join(', ')}`);
  }
  if (options.groupProtocol === 'consumer' && (options.driver ?? 'kafkajs') === 'kafkajs') {
    throw new InvalidKafkaOptionsError(
      'groupProtocol',
      "'consumer' (KIP-848) needs driver 'platformatic': kafkajs speaks only the classic protocol",
    );
  }
  if (options.clientId !== undefined && (typeof options.clientId !== 'string' || !options.clientId.trim())) {
    throw new InvalidKafkaOptionsError('clientId', 'must be a non-empty string');
  }
  if (options.sasl) {
    const { mechanism, username, password } = options.sasl;
    if (!SASL_MECHANISMS.includes(mechanism)) {
      throw new InvalidKafkaOptionsError('sasl.mechanism', `must be one of ${SASL_MECHANISMS.join(', ')}`);
    }
    if (!username) throw new InvalidKafkaOptionsError('sasl.username', 'is empty');
    if (!password) throw new InvalidKafkaOptionsError('sasl.password', 'is empty');
  }
  if (options.logLevel !== undefined && !LOG_LEVELS.includes(options.logLevel)) {
    throw new InvalidKafkaOptionsError('logLevel', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  positiveInt(options.connectionTimeoutMs, 'connectionTimeoutMs');
  positiveInt(options.requestTimeoutMs, 'requestTimeoutMs');
  positiveInt(options.retry?.retries, 'retry.retries', { allowZero: true });
  positiveInt(options.retry?.initialRetryTimeMs, 'retry.initialRetryTimeMs');
  positiveInt(options.retry?.maxRetryTimeMs, 'retry.maxRetryTimeMs');

  const d = options.consumerDefaults ?? {};
  positiveInt(d.concurrency, 'consumerDefaults.concurrency');
  positiveInt(d.sessionTimeoutMs, 'consumerDefaults.sessionTimeoutMs');
  positiveInt(d.heartbeatIntervalMs, 'consumerDefaults.heartbeatIntervalMs');
  positiveInt(d.shutdownTimeoutMs, 'consumerDefaults.shutdownTimeoutMs');
  positiveInt(d.commitIntervalMs, 'consumerDefaults.commitIntervalMs');
  positiveInt(d.commitEveryRecords, 'consumerDefaults.commitEveryRecords', { allowZero: true });
  positiveInt(d.handlerTimeoutMs, 'consumerDefaults.handlerTimeoutMs', { allowZero: true });
  if (d.sessionTimeoutMs && d.heartbeatIntervalMs && d.heartbeatIntervalMs >= d.sessionTimeoutMs) {
    throw new InvalidKafkaOptionsError(
      'consumerDefaults.heartbeatIntervalMs',
      `must be lower than sessionTimeoutMs (${d.sessionTimeoutMs}), or members get kicked out`,
    );
  }

  const p = options.producer ?? {};
  if (p.acks !== undefined && ![0, 1, 'all'].includes(p.acks)) {
    throw new InvalidKafkaOptionsError('producer.acks', "must be 0, 1 or 'all'");
  }
  if (p.idempotent && p.acks !== undefined && p.acks !== 'all') {
    throw new InvalidKafkaOptionsError('producer.acks', "an idempotent producer needs acks 'all'");
  }
  if (p.compression !== undefined && !CODECS.includes(p.compression)) {
    throw new InvalidKafkaOptionsError('producer.compression', `must be one of ${CODECS.join(', ')}`);
  }
  positiveInt(p.lingerMs, 'producer.lingerMs', { allowZero: true });
  positiveInt(p.batchSize, 'producer.batchSize');

  for (const [i, t] of (options.topics ?? []).entries()) {
    if (!t.topic) throw new InvalidKafkaOptionsError(`topics[${i}].topic`, 'is empty');
    positiveInt(t.partitions, `topics[${i}].partitions`);
    positiveInt(t.replicationFactor, `topics[${i}].replicationFactor`);
  }
}
