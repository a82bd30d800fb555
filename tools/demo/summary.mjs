// The proof at the end: what the traffic sent against what the apps counted, once everything
// in flight (retries included) has drained.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const json = async (url) => (await fetch(url, { signal: AbortSignal.timeout(3000) })).json();

/** What the apps counted: clicks (the aggregator group), notifications delivered, DLQ records. */
export async function countedByApps(apps, probe) {
  // The aggregator instances share one database: any of them answers for the whole group.
  const aggregator = apps.find((a) => a.name.startsWith('click-aggregator'));
  const stats = await json(`${aggregator.url}/stats`);
  const enrolled = apps.find((a) => a.name === 'enrolled-consumer');
  const { delivered } = await json(`${enrolled.url}/notifications/count`);
  const { deadLettered } = await probe();
  return { clicks: stats.total, notifications: delivered, deadLettered };
}

/** What was counted after `before`, field by field. */
export const since = (before, now) =>
  Object.fromEntries(Object.entries(now).map(([what, n]) => [what, n - before[what]]));

// Groups reading click_log, each with its own DLQ: the aggregator's and the archiver's.
const CLICK_GROUPS = 2;

/** A poison click that reached Kafka is dead-lettered once per group that reads click_log. */
export function expectedDeadLetters(ledger) {
  const { byKind } = ledger.poison;
  const poisonClicks = (byKind['click-invalid'] ?? 0) + (byKind['click-not-json'] ?? 0);
  return ledger.poison.toDlq + poisonClicks * (CLICK_GROUPS - 1);
}

export function compare(ledger, counted) {
  const rows = [
    { what: 'clicks', sent: ledger.clicks.accepted, counted: counted.clicks },
    { what: 'notifications', sent: ledger.enrollments.expectedNotifications, counted: counted.notifications },
    { what: 'DLQ records', sent: expectedDeadLetters(ledger), counted: counted.deadLettered },
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
      `DLQ ${dlq.counted} = poison due ${dlq.sent}; lost = ${lost}${extra > 0 ? `, counted twice or more = ${extra}` : ''}`,
  ];
}
