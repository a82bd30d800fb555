// Runs a scenario's contenders side by side on one broker and reduces their runs to statistics.
import { ROUNDS } from './config.js';
import { isUnavailable, type Contender, type Sample } from './sample.js';
import { stat, type Stat } from './stats.js';

export interface Row {
  name: string;
  /** Set when the contender could not run; the other fields are then absent. */
  unavailable?: string;
  recordsPerSecond?: Stat;
  cpuUsPerRecord?: Stat;
  latencyP50Ms?: Stat;
  latencyP99Ms?: Stat;
  loopDelayP99Ms?: Stat;
  runs: number;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** What every contender does, for the report. */
  workload: string;
  /** The first row is the baseline the ratios are taken against. */
  rows: Row[];
  /** The row the README's headline table shows against the baseline. */
  headline: string;
  notes: string[];
}

/**
 * Runs each contender ROUNDS times, interleaved. Each round starts with the next contender, so
 * none always runs right after the same other one (a broker still flushing the last run's
 * writes, a heap full of its garbage): with a fixed order the last contender measured up to 12%
 * better. A contender that is unavailable once is not run again.
 */
export async function sideBySide(
  scenario: Omit<ScenarioResult, 'rows'>,
  contenders: Contender[],
): Promise<ScenarioResult> {
  const samples = new Map<string, Sample[]>(contenders.map((c) => [c.name, []]));
  const unavailable = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round++) {
    const shift = round % contenders.length;
    for (const contender of [...contenders.slice(shift), ...contenders.slice(0, shift)]) {
      if (unavailable.has(contender.name)) continue;
      const outcome = await contender.run();
      if (isUnavailable(outcome)) unavailable.set(contender.name, outcome.unavailable);
      else samples.get(contender.name)!.push(outcome);
    }
  }
  const rows = contenders.map(({ name }): Row => {
    const runs = samples.get(name)!;
    if (unavailable.has(name)) return { name, unavailable: unavailable.get(name), runs: 0 };
    const latencies = runs.flatMap((s) => (s.latencyMs ? [s.latencyMs] : []));
    return {
      name,
      runs: runs.length,
      recordsPerSecond: stat(runs.map((s) => (s.records / s.ms) * 1000)),
      cpuUsPerRecord: stat(runs.map((s) => (s.cpuMs * 1000) / s.records)),
      ...(latencies.length > 0 && {
        latencyP50Ms: stat(latencies.map((l) => l.p50)),
        latencyP99Ms: stat(latencies.map((l) => l.p99)),
        loopDelayP99Ms: stat(latencies.map((l) => l.loopDelayP99)),
      }),
    };
  });
  const result = { ...scenario, rows };
  printScenario(result);
  return result;
}

function printScenario(result: ScenarioResult): void {
  console.log(`\n${result.title} (${ROUNDS} rounds, medians)`);
  for (const row of result.rows) {
    const figures = row.unavailable
      ? row.unavailable
      : `${Math.round(row.recordsPerSecond!.median).toString().padStart(8)} records/s` +
        `  ${row.cpuUsPerRecord!.median.toFixed(1).padStart(7)} µs CPU/record` +
        (row.latencyP99Ms
          ? `  p50 ${row.latencyP50Ms!.median.toFixed(1)} ms  p99 ${row.latencyP99Ms.median.toFixed(1)} ms` +
            `  loop delay p99 ${row.loopDelayP99Ms!.median.toFixed(1)} ms`
          : '');
    console.log(`  ${row.name.padEnd(68)} ${figures}`);
  }
}
