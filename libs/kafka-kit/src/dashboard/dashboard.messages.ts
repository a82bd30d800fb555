// Every text the dashboard shows or logs, in one place.

export const TEXT = {
  title: 'Kafka dashboard',
  navGroups: 'Groups',
  navDlqs: 'Dead letter queues',
  navRetries: 'Retry topics',
  group: 'Group',
  state: 'State',
  verdict: 'Verdict',
  lag: 'Lag',
  timeLag: 'Time lag',
  recordsPerSecond: 'Records/s',
  members: 'Members',
  topic: 'Topic',
  partition: 'Partition',
  committed: 'Committed',
  logEnd: 'End offset',
  owner: 'Owner',
  owners: {
    'this process': 'this process',
    'another member': 'another member (assignment not readable)',
    unassigned: 'unassigned',
  },
  // The coordinator writes the address with a leading slash (Java's InetAddress.toString()).
  ownerHost: (host: string) => `on ${host.replace(/^\//, '')}`,
  offset: 'Offset',
  kind: 'Kind',
  since: 'Since',
  error: 'Error',
  actions: 'Actions',
  records: 'Records',
  partitions: 'Partitions',
  waiting: 'Waiting',
  nextDue: 'Next due',
  key: 'Key',
  timestamp: 'Timestamp',
  headers: 'Headers',
  value: 'Value',
  failure: 'Failure',
  retry: 'Retry',
  skip: 'Skip',
  by: 'who',
  reason: 'why',
  replay: 'Replay',
  dryRun: 'dry run (send nothing)',
  from: 'from offset',
  to: 'to offset (exclusive)',
  allPartitions: 'all',
  lagChart: 'Offset lag per partition (last 15 minutes)',
  timeLagChart: 'Time lag per partition, seconds (last 15 minutes)',
  stoppedPartitions: 'Stopped partitions',
  noStopped: 'No partition is stopped.',
  noGroups: 'No consumer group is known yet.',
  noDlqs: 'No dead letter queue topic exists.',
  noRetries: 'No retry topic is consumed by a sampled group.',
  noRecords: 'No record in this range.',
  notSampled: 'not sampled yet',
  unknown: 'unknown',
  waitingForWrite: 'waiting for its DLQ or retry-topic write: it goes on by itself once the write succeeds',
  waitingForOffsetStore: 'waiting for its offset store: it goes on by itself once the store answers',
  readOnly: 'read-only: the dashboard has no guard',
  back: 'Back',
  nextPage: 'Next records',
} as const;

export function sampledAtLine(sampledAt: number): string {
  return sampledAt === 0 ? 'Lag not sampled yet.' : `Lag sampled at ${new Date(sampledAt).toISOString()}.`;
}

export function sampleFailedNote(error: string): string {
  return `last sample failed: ${error}`;
}

export function valueNotJson(): string {
  return 'the value is not JSON; shown as text';
}

export function valueNotUtf8(): string {
  return 'the value is not UTF-8 text; shown as hex';
}

export function valueTruncated(shown: number, total: number): string {
  return `showing the first ${shown} of ${total} bytes`;
}

export function dueIn(dueAt: number, now: number): string {
  const seconds = Math.round((dueAt - now) / 1000);
  const when = new Date(dueAt).toISOString();
  return seconds > 0 ? `${when} (in ${seconds} s)` : `${when} (due)`;
}

export function replaySummary(sent: number, refused: number, dryRun: boolean): string {
  return dryRun
    ? `Dry run: ${sent} records would be sent, ${refused} refused. Nothing was sent.`
    : `${sent} records sent back to their topics, ${refused} refused.`;
}

export function replayLine(from: string, to: string, key: string | null): string {
  return `${from} -> ${to} (key ${key ?? 'none'})`;
}

export function actionDone(action: 'retry' | 'skip', where: string): string {
  return action === 'skip'
    ? `Skipped the record at ${where}; the partition goes on.`
    : `Resumed ${where}; the stopped record is tried again.`;
}

export function csrfRefused(): string {
  return 'refused: the form carried no valid CSRF token (reload the page and try again)';
}

export function actionIncomplete(): string {
  return 'refused: say who acts and, to skip, why';
}

export function unknownGroup(groupId: string): string {
  return `group "${groupId}" is neither sampled nor consumed by this process`;
}

export function dlqReadFailed(topic: string, error: string): string {
  return `could not read ${topic}: ${error}`;
}

export function failureTopicsLookFailed(error: string): string {
  return `could not look at the DLQ and retry topics: ${error}`;
}

export function dashboardNeedsHealthModule(): string {
  return 'KafkaDashboardModule needs KafkaHealthModule (its lag sampler): import KafkaHealthModule.forRoot() too';
}

export function dashboardListening(url: string): string {
  return `dashboard at ${url}`;
}

export function replayRequested(by: string, topic: string, records: number, dryRun: boolean): string {
  return `${by} ${dryRun ? 'dry-ran a replay of' : 'replayed'} ${records} records from ${topic} (dashboard)`;
}
