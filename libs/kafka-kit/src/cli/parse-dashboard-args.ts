import { DASHBOARD_USAGE, unknownDashboardArgument } from './cli.messages.js';
import type { DashboardCommand } from './dashboard-command.js';
import { securityFromEnv } from './security-env.js';

const VALUED = new Set(['--brokers', '--groups', '--port', '--host', '--interval-ms', '--driver']);
const DRIVERS = new Set(['kafkajs', 'platformatic']);

const positive = (arg: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(unknownDashboardArgument(`${arg} ${value}`));
  return n;
};

/** Parses `dashboard --groups a,b [options]`; throws with the usage text on anything else. */
export function parseDashboardArgs(
  argv: string[],
  env: Record<string, string | undefined>,
): DashboardCommand {
  const [command, ...rest] = argv;
  if (command !== 'dashboard') throw new Error(DASHBOARD_USAGE);
  const parsed: DashboardCommand = {
    brokers: env.KAFKA_BROKERS || '127.0.0.1:9092',
    security: securityFromEnv(env),
    groups: [],
    port: 3900,
    host: '127.0.0.1',
    intervalMs: 5000,
  };
  for (let i = 0; i < rest.length; i += 2) {
    const arg = rest[i]!;
    const value = rest[i + 1];
    if (!VALUED.has(arg) || value === undefined) throw new Error(unknownDashboardArgument(arg));
    if (arg === '--brokers') parsed.brokers = value;
    else if (arg === '--groups')
      parsed.groups.push(
        ...value
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean),
      );
    else if (arg === '--port') parsed.port = positive(arg, value);
    else if (arg === '--host') parsed.host = value;
    else if (arg === '--driver') {
      if (!DRIVERS.has(value)) throw new Error(unknownDashboardArgument(`${arg} ${value}`));
      parsed.driver = value as DashboardCommand['driver'];
    } else parsed.intervalMs = positive(arg, value);
  }
  if (parsed.groups.length === 0) throw new Error(DASHBOARD_USAGE);
  return parsed;
}
