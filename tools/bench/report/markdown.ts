// The bench's report as markdown: the machine, the targets, a headline table, every scenario.
import { NOTE, QUICK, ROUNDS } from '../config.js';
import { machineLine, type Machine } from '../machine.js';
import type { Row, ScenarioResult } from '../side-by-side.js';
import { spreadPercent, type Stat } from '../stats.js';
import type { TargetCheck } from './targets.js';

const int = (n: number) => Math.round(n).toLocaleString('en');
const figure = (s: Stat | undefined, digits: number) =>
  s ? `${digits === 0 ? int(s.median) : s.median.toFixed(digits)} ±${spreadPercent(s).toFixed(0)}%` : '';
const times = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? '' : `${(a / b).toFixed(2)}x`;

/** The table the README shows: per scenario, the library's row against the baseline. */
export function headlineTable(results: ScenarioResult[]): string {
  const lines = [
    '| scenario | nest-kafka-kit | records/s | CPU µs/record | baseline | records/s | CPU µs/record | throughput, CPU vs baseline |',
    '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |',
  ];
  for (const result of results) {
    const base = result.rows[0]!;
    const lib = result.rows.find((r) => r.name === result.headline)!;
    const cell = (r: Row) =>
      r.unavailable
        ? `${r.name} | ${r.unavailable} | `
        : `${r.name} | ${int(r.recordsPerSecond!.median)} | ${r.cpuUsPerRecord!.median.toFixed(1)}`;
    const ratios = `${times(lib.recordsPerSecond?.median, base.recordsPerSecond?.median)}, ${times(lib.cpuUsPerRecord?.median, base.cpuUsPerRecord?.median)}`;
    lines.push(`| ${result.title} | ${cell(lib)} | ${cell(base)} | ${ratios} |`);
  }
  return lines.join('\n');
}

export function targetsTable(targets: TargetCheck[]): string {
  const verdict = (met: boolean | undefined) => (met === undefined ? '—' : met ? 'met' : 'missed');
  return [
    '| target | measured | |',
    '| --- | ---: | --- |',
    ...targets.map((t) => `| ${t.target} | ${t.measured} | ${verdict(t.met)} |`),
  ].join('\n');
}

function scenarioTable(result: ScenarioResult): string {
  const latency = result.rows.some((r) => r.latencyP99Ms);
  const base = result.rows[0]!;
  const header = `| contender | records/s | CPU µs/record | records/s vs first | CPU vs first |${latency ? ' p50 ms | p99 ms | loop delay p99 ms |' : ''}`;
  const rows = result.rows.map((r) =>
    r.unavailable
      ? `| ${r.name} | ${r.unavailable} | | | |${latency ? ' | | |' : ''}`
      : `| ${r.name} | ${figure(r.recordsPerSecond, 0)} | ${figure(r.cpuUsPerRecord, 1)} | ` +
        `${times(r.recordsPerSecond!.median, base.recordsPerSecond?.median)} | ` +
        `${times(r.cpuUsPerRecord!.median, base.cpuUsPerRecord?.median)} |` +
        (latency
          ? ` ${figure(r.latencyP50Ms, 1)} | ${figure(r.latencyP99Ms, 1)} | ${figure(r.loopDelayP99Ms, 1)} |`
          : ''),
  );
  return [
    header,
    `| --- | ---: | ---: | ---: | ---: |${latency ? ' ---: | ---: | ---: |' : ''}`,
    ...rows,
  ].join('\n');
}

export function markdownReport(machine: Machine, results: ScenarioResult[], targets: TargetCheck[]): string {
  return [
    `# nest-kafka-kit benchmark${QUICK ? ' (quick mode: too few records to judge anything)' : ''}`,
    '',
    `Machine: ${machineLine(machine)}. ${new Date().toISOString().slice(0, 10)}.`,
    ...(NOTE ? ['', NOTE] : []),
    '',
    `${ROUNDS} rounds per scenario, interleaved (each round starts with the next contender); figures are ` +
      'medians, ± half the range of the runs. CPU µs/record is the process under test ' +
      '(`process.cpuUsage()` over the timed window; for Java, the whole JVM): unlike wall time it ' +
      'hardly depends on what else runs on the machine. Consumers are timed from the first record to ' +
      'the last, without start-up or joining the group. `npm run bench` regenerates this file and chart.svg.',
    '',
    '## Targets (issue 15)',
    '',
    targetsTable(targets),
    '',
    '## Headline',
    '',
    headlineTable(results),
    '',
    ...results.flatMap((r) => [
      `## ${r.title}`,
      '',
      `${r.workload}.${r.notes.map((n) => ` ${n}`).join('')}`,
      '',
      scenarioTable(r),
      '',
    ]),
    '![records/s and CPU per record of every contender](chart.svg)',
    '',
  ].join('\n');
}
