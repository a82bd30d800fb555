import type { ConnectionOptions } from 'node:tls';
import type { BaseOptions, SASLMechanismValue } from '@platformatic/kafka';
import type {
  KafkaGroupProtocol,
  KafkaModuleOptions,
} from '../../interfaces/kafka-module-options.interface.js';
import { parseBrokers } from '../../options/kafka-options.validator.js';
import type { ConsumerClientOptions } from '../consumer-client.js';
import { copartitionedAssigner } from './copartitioned-assigner.js';
import { exponentialBackoff } from './retry-backoff.js';

const SASL_MECHANISMS: Record<string, SASLMechanismValue> = {
  plain: 'PLAIN',
  'scram-sha-256': 'SCRAM-SHA-256',
  'scram-sha-512': 'SCRAM-SHA-512',
};

/** The connection options every @platformatic/kafka client of the app shares. */
export function toBaseOptions(options: KafkaModuleOptions): BaseOptions {
  const tls: ConnectionOptions | undefined =
    options.ssl === true ? {} : options.ssl === false ? undefined : options.ssl;
  return {
    clientId: options.clientId ?? 'nest-kafka-kit',
    bootstrapBrokers: parseBrokers(options.brokers),
    connectTimeout: options.connectionTimeoutMs ?? 3000,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    timeout: options.requestTimeoutMs ?? 30_000,
    retries: options.retry?.retries ?? 5,
    retryDelay: exponentialBackoff(options.retry),
    autocreateTopics: false,
    ...(tls ? { tls } : {}),
    ...(options.sasl
      ? {
          sasl: {
            mechanism: SASL_MECHANISMS[options.sasl.mechanism]!,
            username: options.sasl.username,
            password: options.sasl.password,
          },
        }
      : {}),
  };
}

export interface PlatformaticConsumerSettings extends ConsumerClientOptions {
  groupProtocol: KafkaGroupProtocol;
  /** Done before the member first joins (KIP-848's group configs); a failure stops startup. */
  beforeJoin?: () => Promise<void>;
}

/** Group membership options: the classic protocol with the client's assignor, or KIP-848's. */
export function groupOptions(settings: {
  groupProtocol: KafkaGroupProtocol;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  copartitioned?: boolean;
}): object {
  if (settings.groupProtocol === 'consumer')
    return {
      groupProtocol: 'consumer',
      // KIP-848 assigns on the broker, and a client-side assignor is not part of it. The broker's
      // range assignor gives partition p of every subscribed topic with the same partition count
      // to one member: the co-partitioning ordered retry needs (retry topics have the source's
      // partition count). Session timeout and heartbeat interval are the group's configs there,
      // written before the join when the app sets them (see writeGroupTimeouts).
      ...(settings.copartitioned ? { groupRemoteAssignor: 'range' } : {}),
    };
  return {
    groupProtocol: 'classic',
    sessionTimeout: settings.sessionTimeoutMs,
    heartbeatInterval: settings.heartbeatIntervalMs,
    ...(settings.copartitioned ? { partitionAssigner: copartitionedAssigner } : {}),
  };
}
