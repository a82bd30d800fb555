// Runs `npm run demo` as a child process on its own broker and keeps what it printed.
import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_BROKER_PORTS } from './broker-ports.js';
import { waitFor } from './helpers.js';

export interface DemoRun {
  child: ChildProcess;
  /** Everything printed so far, ANSI escapes removed. */
  output(): string;
  exited: Promise<number | null>;
  /**
   * Waits until `condition` holds, at most `timeoutMs`; fails at once if the demo exits first. A
   * failure says what was awaited, how far behind each group was, and the end of the output.
   */
  until<T>(what: string, condition: () => T | undefined | false, timeoutMs: number): Promise<T>;
  /** An error with `message`, the groups' lag on the demo's last screen and the output's end. */
  failure(message: string): Error;
}

/**
 * Each consumer group's lag on the demo's last screen (a terminal) or status line (no terminal),
 * e.g. "enrollments-read-model lag 434, 21.9 s behind, WARN"; the latest mention of a group wins.
 */
export function lagReport(output: string): string {
  const groups = new Map<string, string>();
  const row =
    /^(\S+)\s+(?:running|stopped|paused|-|\w+)\s+(\d+|-)\s+([\d.]+ s|-)\s+(OK|WARN|ERR \w+|\S+)\s+\d+\s*$/gm;
  const status = /\| (\S+) (OK|WARN|ERR \w+|\S+) lag (\S+) \(([^)]*)\)/g;
  const seen: [number, string, string][] = [];
  for (const m of output.matchAll(row)) seen.push([m.index, m[1]!, `lag ${m[2]}, ${m[3]} behind, ${m[4]}`]);
  for (const m of output.matchAll(status))
    seen.push([m.index, m[1]!, `lag ${m[3]}, ${m[4]} behind, ${m[2]}`]);
  for (const [, group, lag] of seen.sort((a, b) => a[0] - b[0])) groups.set(group, lag);
  return groups.size === 0
    ? 'no consumer group shown yet'
    : [...groups].map(([group, lag]) => `${group} ${lag}`).join('; ');
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
  const output = () => raw.replace(ANSI, '');
  const failure = (message: string) =>
    new Error(`${message}\nconsumer groups, last shown: ${lagReport(output())}\n${output().slice(-3000)}`);
  const until = async <T>(what: string, condition: () => T | undefined | false, timeoutMs: number) => {
    const outcome = await waitFor(
      what,
      () => {
        const value = condition();
        if (value !== undefined && value !== false) return { value };
        const code = child.exitCode ?? child.signalCode;
        return code !== null && { exited: code };
      },
      { timeoutMs, intervalMs: 100 },
    ).catch((err: unknown) => {
      throw failure(String(err));
    });
    if ('exited' in outcome) throw failure(`the demo exited (${outcome.exited}) before ${what}`);
    return outcome.value;
  };
  return { child, output, exited, until, failure };
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
