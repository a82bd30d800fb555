import { readFileSync } from 'node:fs';
import type { KafkaModuleOptions, KafkaSaslOptions } from '../interfaces/kafka-module-options.interface.js';
import { badSecurityEnv } from './cli.messages.js';

const MECHANISMS: KafkaSaslOptions['mechanism'][] = ['plain', 'scram-sha-256', 'scram-sha-512'];

/**
 * TLS and SASL for the CLI, from the environment only, so no secret is ever on a command line
 * (where `ps` and shell history would show it): KAFKA_SSL=true, KAFKA_SSL_CA=<PEM file> (implies
 * TLS), KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD. Undefined when none is set.
 */
export function securityFromEnv(
  env: Record<string, string | undefined>,
): Pick<KafkaModuleOptions, 'ssl' | 'sasl'> | undefined {
  const security: Pick<KafkaModuleOptions, 'ssl' | 'sasl'> = {};
  if (env.KAFKA_SSL_CA) security.ssl = { ca: [readFileSync(env.KAFKA_SSL_CA, 'utf8')] };
  else if (env.KAFKA_SSL === 'true') security.ssl = true;
  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  if (mechanism === undefined || mechanism === '') return security.ssl ? security : undefined;
  if (!MECHANISMS.includes(mechanism as KafkaSaslOptions['mechanism']))
    throw new Error(badSecurityEnv(`KAFKA_SASL_MECHANISM must be one of ${MECHANISMS.join(', ')}`));
  const { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } = env;
  if (!username || !password)
    throw new Error(badSecurityEnv('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD must both be set'));
  security.sasl = { mechanism: mechanism as KafkaSaslOptions['mechanism'], username, password };
  return security;
}
