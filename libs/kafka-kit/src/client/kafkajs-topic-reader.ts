import type { EachBatchPayload, Kafka } from 'kafkajs';
import { readRangesTimedOut } from './client.messages.js';
import type { ReadRange, ReadRecord, TopicReader } from './topic-reader.js';
import { explainCrash } from './authorization-failure.js';

/**
 * Reads explicit offset ranges once, through a throwaway group that never commits (kafkajs has
 * no manual assignment). Used to look into DLQs and to rebuild ordered-retry state.
 */
export class KafkajsTopicReader implements TopicReader {
  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    /** `User:<SASL username>`, to say whom an ACL refused. */
    private readonly principal?: string,
  ) {}

  /** Every record in `ranges`, per partition in offset order; rejects after `timeoutMs`. */
  async read(ranges: ReadRange[], timeoutMs: number): Promise<ReadRecord[]> {
    const wanted = ranges.filter((r) => BigInt(r.from) < BigInt(r.to));
    if (wanted.length === 0) return [];
    const pending = new Map(wanted.map((r) => [`${r.topic}:${r.partition}`, r]));
    const out: ReadRecord[] = [];
    const consumer = this.kafka.consumer({ groupId: this.groupId, allowAutoTopicCreation: false });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const onBatch = async ({ batch }: EachBatchPayload) => {
      const range = pending.get(`${batch.topic}:${batch.partition}`);
      if (!range) return;
      const to = BigInt(range.to);
      for (const m of batch.messages) {
        const offset = BigInt(m.offset);
        if (offset < BigInt(range.from)) continue;
        if (offset >= to) break;
        out.push({ ...m, topic: batch.topic, partition: batch.partition });
      }
      // lastOffset() counts transaction markers too, which are never delivered as messages.
      if (BigInt(batch.lastOffset()) + 1n >= to) {
        pending.delete(`${batch.topic}:${batch.partition}`);
        if (pending.size === 0) finish();
      }
    };
    const topics = [...new Set(wanted.map((r) => r.topic))];
    // A crash (an ACL refusing the reader's group or a topic, say) ends the read with its reason.
    let didCrash = false;
    const crashed = new Promise<never>((_, reject) =>
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        didCrash = true;
        void explainCrash(this.kafka, payload.error, {
          groupId: this.groupId,
          topics,
          principal: this.principal,
        }).then(reject);
      }),
    );
    crashed.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({ autoCommit: false, eachBatch: onBatch });
      if (didCrash) await crashed;
      for (const r of wanted) consumer.seek({ topic: r.topic, partition: r.partition, offset: r.from });
      const expired = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(readRangesTimedOut(wanted.length, timeoutMs))), timeoutMs);
      });
      await Promise.race([finished, expired, crashed]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return out;
  }
}
