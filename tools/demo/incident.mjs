// The lag incident, reenacted on a timeline: the notification gateway goes down and up (retry
// topics fill, the main topic flows), the original empty-tutor-list record (DLQ, with its
// reason), and a CDC change the read model cannot apply (its partition stops: STOP, time lag
// grows), skipped through the operator API (a key press on a terminal) until lag drains to OK.

const READ_MODEL = 'enrollments-read-model';
const NOTIFIER = 'enrolled-notifier';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Runs the timeline. `latest()` is the view's last snapshot; `say(text)` puts an event on the
 * timeline; `skipSignal()` resolves when the operator asks to skip (a key press, or a timer).
 */
export async function runIncident({
  traffic,
  enrolled,
  opsToken,
  prefix,
  latest,
  say,
  skipSignal,
  outageMs,
}) {
  const ops = { 'x-ops-token': opsToken, 'content-type': 'application/json' };
  const group = (id) => latest().groups.find((g) => g.groupId === id);
  const gateway = (failureRate) =>
    fetch(`${enrolled.url}/ops/notification-gateway`, {
      method: 'PUT',
      headers: ops,
      body: JSON.stringify({ failureRate }),
    });

  // 1. The gateway goes down: every send fails, records go to the retry topics.
  const retriedBefore = latest().retried;
  const down = await gateway(1);
  if (!down.ok) throw new Error(`PUT /ops/notification-gateway answered ${down.status}`);
  say('notification gateway DOWN: every notification fails (transient)');
  await until('records in the retry topics', async () => latest().retried > retriedBefore, 20_000);
  await sleep(outageMs);
  const n = group(NOTIFIER);
  say(
    `retry topics fill: ${latest().retried - retriedBefore} records; rt.enrolled flows: ${NOTIFIER} ${n?.verdict}, lag ${n?.lag}`,
  );
  await gateway(0);
  say('notification gateway UP: the retry topics drain on their schedule (1 s, 10 s, 1 min)');

  // 2. The original incident: an enrollment in a course nobody tutors. Not retryable: DLQ, with the reason.
  const record = await traffic.sendNoTutorEnrollment();
  say(`enrollment ${record.key} in ${record.value.courseId} (empty tutor list) sent`);
  // Read back from the dashboard's DLQ page (the DLQ partition is the record's: same partition
  // count) once the notifier, which may be running behind, has got to it.
  const dlqPage = `${enrolled.url}/kafka/dashboard/dlq/${record.topic}.dlq?partition=${record.partition}`;
  const card = `<code>${record.key}</code>`;
  const reason = await until(
    `${record.key} on the dashboard's DLQ page`,
    async () => {
      const page = await (await fetch(dlqPage, { headers: ops })).text();
      const at = page.indexOf(card);
      return at >= 0 && /course [\w-]+ has no tutors to notify/.exec(page.slice(at))?.[0];
    },
    60_000,
  );
  say(`-> rt.enrolled.dlq, reason: "${reason}"; the partition goes on`);

  // 3. A CDC change the read model cannot apply: its partition stops, uncommitted.
  const poison = await traffic.sendCdcPoison();
  const sentAt = Date.now();
  say(
    `CDC change ${poison.key} with status "${poison.value.status}" -> cdc.enrollments[${poison.partition}]@${poison.offset}`,
  );
  // Shown within a view refresh once the read model reaches the record (the TTY test holds it to
  // 10 s); a machine too busy to keep up gets longer, and the line says how long it took.
  await until(`${READ_MODEL} to show STOP`, async () => group(READ_MODEL)?.verdict.includes('STOP'), 60_000);
  say(`${READ_MODEL}: ERR STOP after ${((Date.now() - sentAt) / 1000).toFixed(1)} s; its time lag grows`);
  await skipSignal();

  // 4. The operator skips it (what POST .../skip on the dashboard does), and lag drains.
  const stopped = await (await fetch(`${enrolled.url}/kafka/operator/stopped`, { headers: ops })).json();
  const entry = stopped.find(
    (s) =>
      s.groupId === `${prefix}${READ_MODEL}` && s.topic === poison.topic && s.partition === poison.partition,
  );
  if (!entry)
    throw new Error(`cdc.enrollments[${poison.partition}] is not stopped: ${JSON.stringify(stopped)}`);
  const url = `${enrolled.url}/kafka/operator/stopped/${entry.groupId}/${entry.topic}/${entry.partition}/skip`;
  const body = JSON.stringify({
    offset: entry.offset,
    by: 'demo',
    reason: 'status "transferred" is not in this release',
  });
  const skipped = await fetch(url, { method: 'POST', headers: ops, body });
  if (!skipped.ok) throw new Error(`skip answered ${skipped.status}: ${await skipped.text()}`);
  const skippedAt = Date.now();
  say(`operator skipped cdc.enrollments[${entry.partition}]@${entry.offset}`);
  await until(`${READ_MODEL} back to OK`, async () => group(READ_MODEL)?.verdict === 'OK', 60_000);
  say(`${READ_MODEL}: lag drained, OK after ${((Date.now() - skippedAt) / 1000).toFixed(1)} s`);
  return { cdcPoison: poison, skipped: entry };
}
