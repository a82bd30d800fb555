// The benchmark: every scenario of issue 15 side by side on one broker, each contender timed in
// wall and CPU time; writes report.md and chart.svg to RESULTS_DIR (README "Benchmarks").
//   npm run bench                 (a broker on KAFKA_BROKERS or 127.0.0.1:9092; `npm run kafka:up`)
//   BENCH_QUICK=1 npm run bench   (what CI runs: few records, one round)
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { ONLY, QUICK, RESULTS_DIR } from './config.js';
import { describeMachine, machineLine } from './machine.js';
import { chartSvg } from './report/chart-svg.js';
import { markdownReport } from './report/markdown.js';
import { checkTargets } from './report/targets.js';
import { consumeTrivial } from './scenarios/consume-trivial.js';
import { driversSideBySide } from './scenarios/drivers.js';
import { consumeWithFailures } from './scenarios/failures.js';
import { consumeIoBound } from './scenarios/io-bound.js';
import { endToEndLatency } from './scenarios/latency.js';
import { produceMatrix } from './scenarios/produce.js';
import { consumeValidated } from './scenarios/validation.js';
import type { ScenarioResult } from './side-by-side.js';

const SCENARIOS: Record<string, () => Promise<ScenarioResult | ScenarioResult[]>> = {
  consume: consumeTrivial,
  validation: consumeValidated,
  failures: consumeWithFailures,
  io: consumeIoBound,
  latency: endToEndLatency,
  produce: produceMatrix,
  drivers: driversSideBySide,
};

const machine = describeMachine();
console.log(machineLine(machine));
const results: ScenarioResult[] = [];
for (const [id, run] of Object.entries(SCENARIOS))
  if (ONLY.length === 0 || ONLY.includes(id)) results.push(...[await run()].flat());

const targets = checkTargets(results);
mkdirSync(RESULTS_DIR, { recursive: true });
const reportPath = join(RESULTS_DIR, 'report.md');
// Formatted as `npm run format:check` wants it, so a committed report passes CI.
const prettierOptions = { ...(await resolveConfig(reportPath)), parser: 'markdown' };
writeFileSync(reportPath, await format(markdownReport(machine, results, targets), prettierOptions));
writeFileSync(join(RESULTS_DIR, 'chart.svg'), chartSvg(results, machineLine(machine)));
console.log(`\nreport: ${reportPath}`);
// Quick mode proves the bench runs; its few records judge nothing.
if (!QUICK)
  for (const t of targets)
    console.log(`  ${t.met === undefined ? '-' : t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.measured}`);
