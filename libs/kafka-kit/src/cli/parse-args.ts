import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import { unknownArgument, USAGE } from './cli.messages.js';
import { securityFromEnv } from './security-env.js';

export interface DlqCommand {
  action: 'list' | 'peek' | 'replay';
  topic: string;
  brokers: string;
  /** TLS and SASL, from the environment (see securityFromEnv). */
  security?: Pick<KafkaModuleOptions, 'ssl' | 'sasl'>;
  partition?: number;
  from?: string;
  to?: string;
  limit?: number;
  where: [string, string][];
  dryRun: boolean;
  maxReplays?: number;
}

const VALUED = new Set(['--brokers', '--partition', '--from', '--to', '--limit', '--where', '--max-replays']);

/** Parses `dlq <action> <topic> [options]`; throws with the usage text on anything else. */
export function parseDlqArgs(argv: string[], env: Record<string, string | undefined>): DlqCommand {
  const [group, action, topic, ...rest] = argv;
  if (
    group !== 'dlq' ||
    !['list', 'peek', 'replay'].includes(action ?? '') ||
    !topic ||
    topic.startsWith('-')
  )
    throw new Error(USAGE);
  const command: DlqCommand = {
    action: action as DlqCommand['action'],
    topic,
    brokers: env.KAFKA_BROKERS || '127.0.0.1:9092',
    security: securityFromEnv(env),
    where: [],
    dryRun: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--dry-run') {
      command.dryRun = true;
      continue;
    }
    const value = rest[i + 1];
    if (!VALUED.has(arg) || value === undefined) throw new Error(unknownArgument(arg));
    i++;
    if (arg === '--brokers') command.brokers = value;
    else if (arg === '--partition') command.partition = Number(value);
    else if (arg === '--from') command.from = value;
    else if (arg === '--to') command.to = value;
    else if (arg === '--limit') command.limit = Number(value);
    else if (arg === '--max-replays') command.maxReplays = Number(value);
    else {
      const eq = value.indexOf('=');
      if (eq <= 0) throw new Error(unknownArgument(`--where ${value}`));
      command.where.push([value.slice(0, eq), value.slice(eq + 1)]);
    }
  }
  return command;
}
