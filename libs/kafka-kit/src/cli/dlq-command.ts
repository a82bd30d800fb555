import { KafkaConnection } from '../client/kafka-connection.js';
import type { DlqRecordView } from '../dlq/dlq-record-view.js';
import { DlqService } from '../dlq/dlq.service.js';
import { FailureProducer } from '../failure-records/failure-producer.js';
import type { DlqCommand } from './parse-args.js';

const DEFAULT_LIST_LIMIT = 50;

/** A field of the failure, a header, or the key: what `--where name=value` compares. */
function field(record: DlqRecordView, name: string): string | undefined {
  if (name === 'key') return record.key ?? undefined;
  const failure = record.failure as Record<string, unknown>;
  if (failure[name] !== undefined) return String(failure[name]);
  const header = record.headers[name];
  return Array.isArray(header) ? header[header.length - 1] : header;
}

function matches(where: [string, string][]): ((r: DlqRecordView) => boolean) | undefined {
  if (where.length === 0) return undefined;
  return (r) => where.every(([name, value]) => field(r, name) === value);
}

/** The value as text when it is UTF-8, else base64 (the bytes are never altered). */
function printable(value: Buffer | null): { value: string | null; encoding: 'utf8' | 'base64' } {
  if (value === null) return { value: null, encoding: 'utf8' };
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(value), encoding: 'utf8' };
  } catch {
    return { value: value.toString('base64'), encoding: 'base64' };
  }
}

function summary(r: DlqRecordView): string {
  const f = r.failure;
  const origin = `${f.originalTopic ?? '?'}[${f.originalPartition ?? '?'}]@${f.originalOffset ?? '?'}`;
  return `${r.partition}@${r.offset} key=${r.key ?? '(none)'} reason=${f.reason ?? '?'} error=${f.errorClass ?? '?'}: ${f.errorMessage ?? ''} from=${origin} group=${f.consumerGroup ?? '?'} attempts=${f.attempts ?? '?'} replays=${r.replayCount}`;
}

/** Runs one `dlq` command against the brokers, printing through `print`. Returns the exit code. */
export async function runDlqCommand(command: DlqCommand, print: (line: string) => void): Promise<number> {
  const connection = new KafkaConnection({
    brokers: command.brokers,
    ...command.security,
    logLevel: 'nothing',
    clientId: 'nest-kafka-kit-cli',
  });
  const producer = new FailureProducer(connection);
  const dlq = new DlqService(connection, producer);
  const selection = {
    partition: command.partition,
    from: command.from,
    to: command.to,
    limit: command.limit,
  };
  try {
    if (command.action === 'list') {
      for (const p of await dlq.stats(command.topic))
        print(`partition ${p.partition}: offsets ${p.low}..${p.high} (${p.records} records)`);
      const where = matches(command.where);
      const records = await dlq.peek(command.topic, {
        ...selection,
        limit: command.limit ?? DEFAULT_LIST_LIMIT,
      });
      for (const r of records) if (!where || where(r)) print(summary(r));
      return 0;
    }
    if (command.action === 'peek') {
      const where = matches(command.where);
      for (const r of await dlq.peek(command.topic, selection)) {
        if (where && !where(r)) continue;
        const { value, encoding } = printable(r.value);
        print(JSON.stringify({ ...r, value, encoding }));
      }
      return 0;
    }
    const result = await dlq.replay(command.topic, {
      ...selection,
      where: matches(command.where),
      dryRun: command.dryRun,
      maxReplays: command.maxReplays,
    });
    const verb = result.dryRun ? 'would replay' : 'replayed';
    for (const r of result.replayed) print(`${verb} ${summary(r)}`);
    for (const { why } of result.refused) print(`refused: ${why}`);
    print(`${result.replayed.length} ${verb}, ${result.refused.length} refused`);
    return result.refused.length > 0 ? 2 : 0;
  } finally {
    await producer.onApplicationShutdown();
    await connection.close();
  }
}
