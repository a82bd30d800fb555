// What the traffic sent, counted as it goes, so the demo can compare it with what the apps counted.
import { writeFileSync } from 'node:fs';

export function createLedger() {
  return {
    startedAt: new Date().toISOString(),
    endedAt: null,
    /** Clicks the collector accepted (202) and refused (any other answer or no answer), by why. */
    clicks: { accepted: 0, refused: 0, refusedBy: {} },
    /** Valid enrollments sent, and the notifications they must cause (one per tutor). */
    enrollments: { valid: 0, expectedNotifications: 0 },
    /** CDC changes sent: valid ones, and those with an unknown status (each stops its partition). */
    cdc: { valid: 0, unknownStatus: 0 },
    /** Poison that must end in a DLQ, in total and by kind. */
    poison: { toDlq: 0, byKind: {} },
  };
}

export function countRefusal(ledger, why) {
  ledger.clicks.refused++;
  ledger.clicks.refusedBy[why] = (ledger.clicks.refusedBy[why] ?? 0) + 1;
}

export function countPoison(ledger, kind) {
  ledger.poison.toDlq++;
  ledger.poison.byKind[kind] = (ledger.poison.byKind[kind] ?? 0) + 1;
}

/** One line that says what was sent. */
export function describeLedger(l) {
  return (
    `clicks ${l.clicks.accepted} accepted (${l.clicks.refused} refused), enrollments ${l.enrollments.valid} ` +
    `(${l.enrollments.expectedNotifications} notifications due), cdc ${l.cdc.valid} ` +
    `(+${l.cdc.unknownStatus} unknown status), poison to DLQ ${l.poison.toDlq}`
  );
}

export function writeLedger(ledger, path) {
  writeFileSync(path, `${JSON.stringify(ledger, null, 2)}\n`);
}
