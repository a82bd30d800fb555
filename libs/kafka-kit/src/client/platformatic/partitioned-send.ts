import type { ClusterMetadata, MessageToProduce, ProduceResult, SendOptions } from '@platformatic/kafka';
import type { Partitioner } from '../../interfaces/partitioner.interface.js';
import type { OutgoingRecord, RecordMetadata } from '../producer-client.js';
import { produceFailed } from './platformatic.messages.js';
import { withCauses } from './platformatic-errors.js';

type Message = MessageToProduce<Buffer, Buffer, Buffer, Buffer>;

/** What a send goes through: the producer itself or an open transaction. */
export interface SendVia {
  send(options: SendOptions<Buffer, Buffer, Buffer, Buffer>): Promise<ProduceResult>;
}

const toBuffer = (v: Buffer | string | null): Buffer | undefined =>
  v === null ? undefined : typeof v === 'string' ? Buffer.from(v) : v;

/** The records as @platformatic/kafka messages, each with the partition our partitioner chose. */
export function toMessages(
  records: OutgoingRecord[],
  metadata: ClusterMetadata,
  partitioner: Partitioner,
): Message[] {
  return records.map((r) => {
    const key = toBuffer(r.key);
    const partitionCount = metadata.topics.get(r.topic)!.partitionsCount;
    const partition = r.partition ?? partitioner({ topic: r.topic, key: key ?? null, partitionCount });
    const headers = new Map<Buffer, Buffer>();
    for (const [name, value] of Object.entries(r.headers ?? {}))
      headers.set(Buffer.from(name), toBuffer(value)!);
    return {
      topic: r.topic,
      partition,
      key,
      value: toBuffer(r.value),
      headers,
      ...(r.timestamp !== undefined ? { timestamp: BigInt(r.timestamp) } : {}),
    };
  });
}

/**
 * Sends `messages` as one @platformatic/kafka send per partition, all at once, and resolves with
 * each message's own partition and offset, in order. Per partition because @platformatic/kafka
 * 2.12 retries a request to one broker at the new leader of its first message's partition only
 * (producer.js, #performSingleDestinationSend): when a broker dies and its partitions move to
 * different brokers, the retried request holds partitions the broker it goes to does not lead,
 * is refused (NOT_LEADER_OR_FOLLOWER) until the retries run out, and the send fails. With one
 * partition per send the retry goes to that partition's leader. A failure is thrown once every
 * partition's send has settled, naming the partitions not written.
 */
export async function sendPerPartition(
  via: SendVia,
  messages: Message[],
  acks: -1 | 0 | 1,
): Promise<RecordMetadata[]> {
  const byPartition = new Map<string, Message[]>();
  for (const m of messages) {
    const slot = `${m.topic}/${m.partition}`;
    let list = byPartition.get(slot);
    if (!list) byPartition.set(slot, (list = []));
    list.push(m);
  }
  const sends = [...byPartition.values()].map((list) => via.send({ messages: list, acks }));
  const settled = await Promise.allSettled(sends);
  const next = new Map<string, bigint>();
  const failed: string[] = [];
  let cause: unknown;
  [...byPartition.keys()].forEach((slot, i) => {
    const outcome = settled[i]!;
    if (outcome.status === 'rejected') {
      failed.push(slot);
      cause ??= outcome.reason;
      return;
    }
    const offset = outcome.value.offsets?.[0]?.offset;
    if (offset !== undefined && offset >= 0n) next.set(slot, offset);
  });
  if (failed.length > 0) throw new Error(produceFailed(failed, withCauses(cause).message), { cause });
  return messages.map((m) => {
    const slot = `${m.topic}/${m.partition}`;
    const base = next.get(slot);
    if (base === undefined) return { topic: m.topic, partition: m.partition!, offset: '-1' };
    next.set(slot, base + 1n);
    return { topic: m.topic, partition: m.partition!, offset: base.toString() };
  });
}
