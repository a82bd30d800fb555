// The live view: on a terminal, a screen redrawn in place (log-update); elsewhere one plain status
// line every few seconds. Both read the same snapshot, timeline and ledger.
import { createLogUpdate } from 'log-update';
import { describeLedger } from 'traffic/src/ledger.mjs';

const PLAIN_EVERY_MS = 5000;

const pad = (v, n) => String(v).padEnd(n);
const secs = (s) => (s === null || s === undefined ? '-' : `${s.toFixed(1)} s`);

/** Records per second per group, from two snapshots. */
export function ratesBetween(before, after) {
  const dt = (after.at - before.at) / 1000;
  const was = new Map(before.groups.map((g) => [`${g.app}/${g.groupId}`, g.consumed]));
  return new Map(
    after.groups.map((g) => {
      const key = `${g.app}/${g.groupId}`;
      return [key, dt > 0 ? Math.max(0, (g.consumed - (was.get(key) ?? g.consumed)) / dt) : 0];
    }),
  );
}

export function renderScreen({ snapshot, rates, timeline, ledger, elapsedS, dashboardUrl, logs, hint }) {
  const rows = snapshot.groups.map((g) =>
    [
      pad(g.groupId, 26),
      pad(g.state, 12),
      pad(g.lag, 8),
      pad(secs(g.timeLagSeconds), 10),
      pad(g.verdict, 12),
      pad((rates.get(`${g.app}/${g.groupId}`) ?? 0).toFixed(0), 6),
    ].join(' '),
  );
  return [
    `nest-kafka-kit demo  ${elapsedS.toFixed(0)} s   dashboard: ${dashboardUrl}`,
    '',
    `${pad('GROUP', 26)} ${pad('STATE', 12)} ${pad('LAG', 8)} ${pad('TIME LAG', 10)} ${pad('VERDICT', 12)} REC/S`,
    ...rows,
    '',
    `DLQ records: ${snapshot.deadLettered}   retry-topic records: ${snapshot.retried}`,
    `health: ${snapshot.apps.map((a) => `${a.name} ${a.health}`).join('   ')}`,
    `sent: ${describeLedger(ledger)}`,
    '',
    'timeline:',
    ...timeline.map((e) => `  ${pad(`+${e.atS.toFixed(0)} s`, 7)} ${e.text}`),
    '',
    `logs: ${logs.join('  ')}`,
    hint ?? 'Ctrl-C stops everything',
  ].join('\n');
}

/** The one-line status for logs and CI. */
export function renderLine({ snapshot, elapsedS }) {
  const groups = snapshot.groups.map(
    (g) => `${g.groupId} ${g.verdict} lag ${g.lag} (${secs(g.timeLagSeconds)})`,
  );
  return `[demo] +${elapsedS.toFixed(0)} s | ${groups.join(' | ')} | DLQ ${snapshot.deadLettered} retry ${snapshot.retried}`;
}

/** A view for the terminal when stdout is one, else the plain one. */
export function createView(tty) {
  if (tty) {
    const update = createLogUpdate(process.stdout, { showCursor: false });
    return { show: (state) => update(renderScreen(state)), event: () => {}, done: () => update.done() };
  }
  let last = 0;
  return {
    show(state) {
      if (Date.now() - last < PLAIN_EVERY_MS) return;
      last = Date.now();
      console.log(renderLine(state));
    },
    event: (e) => console.log(`[demo] +${e.atS.toFixed(0)} s ${e.text}`),
    done: () => {},
  };
}
