// The proof at the end: what the traffic sent against what the apps counted, once everything
// in flight (retries included) has drained.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const json = async (url) => (await fetch(url, { signal: AbortSignal.timeout(3000) })).json();

/** What the apps counted: clicks (every aggregator instance), notifications delivered, DLQ records. */
export async function countedByApps(apps, probe) {
  const aggregators = apps.filter((a) => a.name.startsWith('click-aggregator'));
  const stats = await Promise.all(aggregators.map((a) => json(`${a.url}/stats`)));
  const enrolled = apps.find((a) => a.name === 'enrolled-consumer');
  const { delivered } = await json(`${enrolled.url}/notifications/count`);
  const { deadLettered } = await probe();
  return { clicks: stats.reduce((n, s) => n + s.total, 0), notifications: delivered, deadLettered };
}

export function compare(ledger, counted) {
  const rows = [
    { what: 'clicks', sent: ledger.clicks.accepted, counted: counted.clicks },
    { what: 'notifications', sent: ledger.enrollments.expectedNotifications, counted: counted.notifications },
    { what: 'DLQ records', sent: ledger.poison.toDlq, counted: counted.deadLettered },
  ];
  const lost = rows.reduce((n, r) => n + Math.max(0, r.sent - r.counted), 0);
  const extra = rows.reduce((n, r) => n + Math.max(0, r.counted - r.sent), 0);
  return { rows, lost, extra, ok: lost === 0 && extra === 0 };
}

/** Waits until the counts match (retries drain on their schedule) or `timeoutMs` passes. */
export async function settle(ledger, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = compare(ledger, await count());
    if (result.ok || Date.now() > deadline) return result;
    await sleep(1000);
  }
}

export function summaryLines({ rows, lost, extra }, ledger) {
  const [clicks, notes, dlq] = rows;
  return [
    ...rows.map(
      (r) =>
        `  ${r.what.padEnd(14)} sent ${String(r.sent).padStart(7)}   counted ${String(r.counted).padStart(7)}   ${r.sent === r.counted ? 'equal' : 'DIFFERENT'}`,
    ),
    `  clicks refused by the collector (not counted as sent): ${ledger.clicks.refused} ${JSON.stringify(ledger.clicks.refusedBy)}`,
    `  poison by kind: ${JSON.stringify(ledger.poison.byKind)}; CDC changes with an unknown status: ${ledger.cdc.unknownStatus} (stopped, skipped by the operator)`,
    `sent ${clicks.sent} clicks, counted ${clicks.counted}; notifications ${notes.counted} of ${notes.sent} due; ` +
      `DLQ ${dlq.counted} = poison sent ${dlq.sent}; lost = ${lost}${extra > 0 ? `, counted twice or more = ${extra}` : ''}`,
  ];
}
