// A hand-written SVG bar chart of the report: per scenario, each contender's records/s and CPU
// µs/record, scaled within the scenario. No chart library: the bars are all it needs.
import type { Row, ScenarioResult } from '../side-by-side.js';

const LABEL_W = 400;
const BAR_W = 250;
const GAP = 40;
const ROW_H = 18;
const TITLE_H = 28;
const WIDTH = LABEL_W + 2 * (BAR_W + GAP) + 60;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const text = (x: number, y: number, s: string, attrs = '') =>
  `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}>${escape(s)}</text>`;

/** A bar longer than CLIP times the baseline's is cut there; its label still gives the value. */
const CLIP = 4;

/**
 * Bars of one figure for every row of a scenario, scaled to its largest value but at most CLIP
 * times the baseline's, so one outlier (a JVM's start-up in its CPU time) does not flatten the rest.
 */
function bars(
  rows: Row[],
  x0: number,
  y0: number,
  value: (r: Row) => number | undefined,
  fill: (r: Row) => string,
) {
  const largest = Math.max(...rows.map((r) => value(r) ?? 0));
  const max = Math.min(largest, CLIP * (value(rows[0]!) ?? largest)) || 1;
  return rows.map((r, i) => {
    const v = value(r);
    const y = y0 + i * ROW_H;
    if (v === undefined) return text(x0, y + 12, 'n/a', 'class="value"');
    const w = Math.max(1, Math.min(1, v / max) * BAR_W);
    const label = v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(1);
    return `<rect x="${x0}" y="${y + 3}" width="${w.toFixed(1)}" height="${ROW_H - 6}" fill="${fill(r)}"/>${text(x0 + w + 4, y + 13, label, 'class="value"')}`;
  });
}

export function chartSvg(results: ScenarioResult[], subtitle: string): string {
  const parts: string[] = [];
  let y = 56;
  const xRate = LABEL_W;
  const xCpu = LABEL_W + BAR_W + GAP + 30;
  for (const result of results) {
    const fill = (r: Row) =>
      r === result.rows[0] ? '#9aa5b1' : r.name === result.headline ? '#2f6fd6' : '#c3d3ee';
    parts.push(text(8, y + 18, result.title, 'class="title"'));
    y += TITLE_H;
    result.rows.forEach((r, i) => parts.push(text(16, y + i * ROW_H + 13, r.name)));
    parts.push(...bars(result.rows, xRate, y, (r) => r.recordsPerSecond?.median, fill));
    parts.push(...bars(result.rows, xCpu, y, (r) => r.cpuUsPerRecord?.median, fill));
    y += result.rows.length * ROW_H + 10;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    '<style>.title{font-weight:bold;font-size:13px}.value{fill:#444;font-size:11px}.head{font-weight:bold}.sub{fill:#555;font-size:11px}</style>',
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    text(8, 18, 'nest-kafka-kit benchmark: grey the baseline, dark blue the library', 'class="head"'),
    text(8, 34, subtitle, 'class="sub"'),
    text(xRate, 52, 'records/s (median)', 'class="head"'),
    text(xCpu, 52, 'CPU µs/record (median, lower is better)', 'class="head"'),
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
