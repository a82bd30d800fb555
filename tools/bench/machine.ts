// What the report's header says about where it ran: a figure means little without the machine.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { brokers } from './bench-kit.js';

export interface Machine {
  cores: number;
  cpuModel: string;
  node: string;
  kafkajs: string;
  /** undefined when neither KAFKA_VERSION nor `kafka:status` tells (a broker started elsewhere). */
  kafka: string | undefined;
  commit: string;
  /** The library as built may differ from the commit (a shared working tree). */
  libsDirty: boolean;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).trim();

/** The broker's version: KAFKA_VERSION, else what `kafka:status` reports for the bench's broker. */
export function kafkaVersion(): string | undefined {
  if (process.env.KAFKA_VERSION) return process.env.KAFKA_VERSION;
  if (process.env.KAFKA_BROKERS) return undefined; // kafka:status does not look when it is set
  const status = run(process.execPath, ['tools/kafka/kafka.mjs', 'status']);
  const cluster = status.split('\n').find((line) => line.includes(` at ${brokers[0]}`));
  return cluster ? /^Kafka (\S+)/.exec(cluster)?.[1] : undefined;
}

export function describeMachine(): Machine {
  const kafkajsPackage = JSON.parse(readFileSync('node_modules/kafkajs/package.json', 'utf8'));
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
    kafkajs: kafkajsPackage.version,
    kafka: kafkaVersion(),
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
    libsDirty: run('git', ['status', '--porcelain', '--', 'libs']) !== '',
  };
}

export function machineLine(m: Machine): string {
  const libs = m.libsDirty ? ' plus uncommitted changes under libs/' : '';
  return (
    `${m.cores} cores (${m.cpuModel}), Node ${m.node}, kafkajs ${m.kafkajs}, ` +
    `Kafka ${m.kafka ?? 'unknown'} (one local broker on the same machine); commit ${m.commit}${libs}`
  );
}
