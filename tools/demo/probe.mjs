// What the live view shows, read from the apps the way an operator would: GET /health (consumer
// state, lag, time lag and the lag verdict per group) and GET /metrics (records handled, DLQ and
// retry-topic writes) of every app.
import { sumByLabel, sumMetric } from './metrics-text.mjs';

const get = async (url, headers = {}) => {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(3000) });
  return { status: res.status, body: await res.text() };
};

/** The worst non-OK partition status of a group (STOP, STALL, REWIND, WARN), or its group status. */
function verdictOf(group) {
  const worst = group.partitions
    ?.map((p) => p.status)
    .find((s) => s === 'STOP' || s === 'STALL' || s === 'REWIND');
  return worst ? `ERR ${worst}` : group.status;
}

async function probeApp(app, prefix) {
  const [health, metrics] = await Promise.all([get(`${app.url}/health`), get(`${app.url}/metrics`)]).catch(
    (err) => [{ status: 0, body: '', error: err }, { body: '' }],
  );
  let parsed;
  try {
    parsed = JSON.parse(health.body);
  } catch {
    parsed = undefined;
  }
  const details = parsed?.details ?? parsed?.info ?? {};
  const states = details.kafka_consumers_live?.states ?? {};
  const consumed = sumByLabel(metrics.body, 'kafka_kit_records_consumed_total', 'consumergroup');
  const groups = (details.kafka_lag?.groups ?? []).map((g) => ({
    app: app.name,
    // Shown without the run's prefix: the group as the app names it.
    groupId: g.groupId.startsWith(prefix) ? g.groupId.slice(prefix.length) : g.groupId,
    state: states[g.groupId] ?? '-',
    lag: g.totalLag,
    timeLagSeconds: g.maxTimeLagSeconds,
    verdict: verdictOf(g),
    reasons: g.reasons ?? [],
    consumed: consumed[g.groupId] ?? 0,
  }));
  return {
    name: app.name,
    health: health.status === 0 ? 'down' : (parsed?.status ?? `HTTP ${health.status}`),
    groups,
    deadLettered: sumMetric(metrics.body, 'kafka_kit_dead_lettered_total'),
    retried: sumMetric(metrics.body, 'kafka_kit_retry_topic_records_total'),
  };
}

/** One snapshot of every app; `prefix`: the run's KAFKA_NAME_PREFIX. */
export async function probeAll(apps, prefix) {
  const states = await Promise.all(apps.map((app) => probeApp(app, prefix)));
  return {
    at: Date.now(),
    apps: states,
    groups: states.flatMap((s) => s.groups),
    deadLettered: states.reduce((n, s) => n + s.deadLettered, 0),
    retried: states.reduce((n, s) => n + s.retried, 0),
  };
}
