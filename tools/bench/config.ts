// The bench's knobs, all from the environment (README "Benchmarks" lists them with these defaults).
// BENCH_QUICK=1 is what CI runs so the bench cannot rot: few records, one round, nothing judged.

const quick = process.env.BENCH_QUICK === '1';
const num = (name: string, full: number, quickValue: number) =>
  Number(process.env[name] ?? (quick ? quickValue : full));

export const QUICK = quick;
export const ROUNDS = num('BENCH_ROUNDS', 3, 1);
/** Records per run of the throughput scenarios (consume, validation, failures, produce). */
export const MESSAGES = num('BENCH_MESSAGES', 50_000, 2_000);
/** Records per run of the I/O-bound scenario; @EventPattern handles 500/s there. */
export const IO_MESSAGES = num('BENCH_IO_MESSAGES', 12_000, 300);
export const LATENCY_RATE = num('BENCH_LATENCY_RATE', 2_000, 2_000);
export const LATENCY_SECONDS = num('BENCH_LATENCY_SECONDS', 10, 2);
/** A consumer that handles no record for this long fails the bench instead of hanging it. */
export const STALL_MS = num('BENCH_STALL_MS', 60_000, 60_000);
/** Scenario ids to run (comma-separated); all when unset. */
export const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
/** A run of some scenarios writes beside the full run's report, never over it. */
export const RESULTS_DIR =
  process.env.BENCH_RESULTS ??
  (quick
    ? 'tools/bench/dist/quick-results'
    : ONLY.length > 0
      ? `tools/bench/results/${ONLY.join('-')}`
      : 'tools/bench/results');
/** A line for the report's header, e.g. who else used the machine. */
export const NOTE = process.env.BENCH_NOTE;
