// A separate, idle Node process that ticks every millisecond and reports the ticks that came
// late: the machine taking the CPU away from processes (other work on shared cores), seen from
// outside the process under test. A latency tail whose records all fly during such stalls is the
// machine's, whatever client sent them.
import { spawn } from 'node:child_process';

/** Ticks later than this count as a stall of the machine. */
export const STALL_THRESHOLD_MS = 20;

// Prints "<epoch ms when the late tick was due>,<how late in ms>" per stall; exits on stdin's end.
const PROBE = `
let last = performance.now();
setInterval(() => {
  const now = performance.now();
  const late = now - last - 1;
  if (late > ${STALL_THRESHOLD_MS}) process.stdout.write(performance.timeOrigin + last + ',' + late + '\\n');
  last = now;
}, 1);
process.stdin.on('end', () => process.exit(0)).resume();
`;

export interface Stall {
  from: number;
  to: number;
}

/** Starts the probe; `stop()` ends it and returns the stalls it saw (epoch milliseconds). */
export function startStallProbe(): { stop(): Promise<Stall[]> } {
  const child = spawn(process.execPath, ['-e', PROBE], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    async stop() {
      child.stdin.end();
      await exited;
      return out
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [from, late] = line.split(',').map(Number);
          return { from: from!, to: from! + late! };
        });
    },
  };
}

/** The share of the flights [start[i], end[i]] of `records` that overlap a stall. */
export function shareInStalls(records: number[], start: Float64Array, end: Float64Array, stalls: Stall[]) {
  if (records.length === 0) return 0;
  const overlaps = (i: number) => stalls.some((s) => s.from < end[i]! && s.to > start[i]!);
  return records.filter(overlaps).length / records.length;
}
