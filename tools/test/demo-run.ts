// Runs `npm run demo` as a child process on its own broker and keeps what it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_BROKER_PORTS } from './broker-ports.js';

export interface DemoRun {
  child: ChildProcess;
  /** Everything printed so far, ANSI escapes removed. */
  output(): string;
  exited: Promise<number | null>;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|\r/g;

/**
 * `command` and `args` start the demo (directly, or under `script` for a pseudo-terminal), on
 * `brokers` when given, else on a broker it starts on the demo's port.
 */
export function runDemo(command: string, args: string[], demoPort: number, brokers?: string[]): DemoRun {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_PORT: String(TEST_BROKER_PORTS.demo),
    DEMO_PORT: String(demoPort),
  };
  // Not the suite's broker: other tests' records and groups there would make the run's load unknown.
  if (brokers) env.KAFKA_BROKERS = brokers.join(',');
  else delete env.KAFKA_BROKERS;
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let raw = '';
  child.stdout!.on('data', (d) => (raw += d));
  child.stderr!.on('data', (d) => (raw += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => raw.replace(ANSI, ''), exited };
}

/** The pids the demo printed for its apps ("click-collector (pid 123) on ...") and their database server. */
export const appPids = (output: string): number[] =>
  [...output.matchAll(/^\[demo\] .*?\(pid (\d+)\)(?: on |, log: )/gm)].map((m) => Number(m[1]));

export const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
