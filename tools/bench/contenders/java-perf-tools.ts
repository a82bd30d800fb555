// Kafka's own Java clients as a reference: ProducerPerformance and ConsumerPerformance from the
// jars `kafka:up` runs the broker from (resolved through Maven once, then cached).
import { execFileSync, spawn } from 'node:child_process';
import { brokers } from '../bench-kit.js';
import { kafkaVersion } from '../machine.js';
import type { Outcome } from '../sample.js';
import { newProduceTopic, type ProduceWorkload } from './producers.js';

let classpathDir: string | undefined;

/** The jar directory from `kafka:fetch`, which prints it as its last line. */
function jarDir(version: string): string {
  classpathDir ??= execFileSync(process.execPath, ['tools/kafka/kafka.mjs', 'fetch', '--version', version], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1)!;
  return classpathDir;
}

/**
 * Runs a tool class and returns its output and the CPU time of its JVM, which bash's `times`
 * reports for the finished child (JVM start-up and JIT included: a cost the Java client pays too).
 */
async function runTool(
  mainClass: string,
  args: string[],
): Promise<{ output: string; cpuMs: number } | string> {
  const version = kafkaVersion();
  if (!version) return 'not run: the broker version is unknown (set KAFKA_VERSION)';
  const script = 'java -Xmx512m -cp "$1/*" "${@:2}" 2>&1; code=$?; times; exit $code';
  const child = spawn('bash', ['-c', script, 'bash', jarDir(version), mainClass, ...args]);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`${mainClass} exited ${code}:\n${output.slice(-2000)}`);
  const [, um, us, sm, ss] = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(output) ?? [];
  const seconds = Number(um) * 60 + Number(us) + Number(sm) * 60 + Number(ss);
  return { output, cpuMs: seconds * 1000 };
}

/** ProducerPerformance at full speed; `tuning` adds producer properties to its defaults. */
export async function javaProducerPerformance(w: ProduceWorkload, tuning: string[] = []): Promise<Outcome> {
  const topic = await newProduceTopic();
  const result = await runTool('org.apache.kafka.tools.ProducerPerformance', [
    ...['--topic', topic, '--num-records', String(w.total), '--record-size', String(w.bytes)],
    ...['--throughput', '-1', '--producer-props', `bootstrap.servers=${brokers.join(',')}`, `acks=${w.acks}`],
    ...tuning,
  ]);
  if (typeof result === 'string') return { unavailable: result };
  // "50000 records sent, 19800.3 records/sec (19.34 MB/sec), ..." is the summary line.
  const rate = Number(/(\d+) records sent, ([\d.]+) records\/sec/.exec(result.output)?.[2]);
  if (!rate) throw new Error(`no summary in ProducerPerformance output:\n${result.output}`);
  return { records: w.total, ms: (w.total / rate) * 1000, cpuMs: result.cpuMs };
}

/** ConsumerPerformance reading `total` records of `topic` in a new group; timed over its fetches. */
export async function javaConsumerPerformance(topic: string, total: number, group: string): Promise<Outcome> {
  const result = await runTool('org.apache.kafka.tools.ConsumerPerformance', [
    ...['--bootstrap-server', brokers.join(','), '--topic', topic, '--messages', String(total)],
    ...['--group', group, '--timeout', '60000'],
  ]);
  if (typeof result === 'string') return { unavailable: result };
  // A CSV header line, then one line of values.
  const lines = result.output.split('\n');
  const header = lines.findIndex((line) => line.startsWith('start.time'));
  const names = lines[header]?.split(',').map((s) => s.trim()) ?? [];
  const values = lines[header + 1]?.split(',').map((s) => s.trim()) ?? [];
  const field = (name: string) => Number(values[names.indexOf(name)]);
  const records = field('data.consumed.in.nMsg');
  if (!(records >= total))
    throw new Error(`ConsumerPerformance read ${records} of ${total}:\n${result.output}`);
  return { records, ms: field('fetch.time.ms'), cpuMs: result.cpuMs };
}
