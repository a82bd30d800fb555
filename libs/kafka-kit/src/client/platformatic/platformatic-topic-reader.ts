import type { Consumer, ConsumerOptions } from '@platformatic/kafka';
import { readRangesTimedOut } from '../client.messages.js';
import type { ReadRange, ReadRecord, TopicReader } from '../topic-reader.js';
import { nextOffsetAfter, toConsumedRecords } from './consumed-records.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { explainPlatformaticError } from './platformatic-errors.js';

/**
 * Reads explicit offset ranges by fetching them from their leaders directly: no group is joined
 * and nothing is committed (`groupId` only names the client).
 */
export class PlatformaticTopicReader implements TopicReader {
  constructor(
    private readonly kafka: PlatformaticKafka,
    private readonly base: object,
    private readonly groupId: string,
    private readonly principal?: string,
  ) {}

  async read(ranges: ReadRange[], timeoutMs: number): Promise<ReadRecord[]> {
    const wanted = ranges.filter((r) => BigInt(r.from) < BigInt(r.to));
    if (wanted.length === 0) return [];
    const consumer: Consumer = new this.kafka.Consumer<Buffer, Buffer, Buffer, Buffer>({
      ...this.base,
      groupId: this.groupId,
      autocommit: false,
      maxWaitTime: 100,
    } as ConsumerOptions<Buffer, Buffer, Buffer, Buffer>);
    const deadline = Date.now() + timeoutMs;
    const out: ReadRecord[] = [];
    try {
      const topics = [...new Set(wanted.map((r) => r.topic))];
      await Promise.all(
        wanted.map(async (range) => {
          const to = BigInt(range.to);
          for (let position = BigInt(range.from); position < to;) {
            if (Date.now() > deadline) throw new Error(readRangesTimedOut(wanted.length, timeoutMs));
            const metadata = await consumer.metadata({ topics });
            const topic = metadata.topics.get(range.topic)!;
            const response = await consumer.fetch({
              node: topic.partitions[range.partition]!.leader,
              maxWaitTime: 100,
              topics: [
                {
                  topicId: topic.id,
                  partitions: [
                    {
                      partition: range.partition,
                      fetchOffset: position,
                      partitionMaxBytes: 1_048_576,
                      currentLeaderEpoch: -1,
                      lastFetchedEpoch: -1,
                    },
                  ],
                },
              ],
            });
            const batches = response.responses[0]?.partitions[0]?.records ?? [];
            for (const r of toConsumedRecords(batches, position, this.kafka.IS_CONTROL)) {
              if (BigInt(r.offset) >= to) break;
              out.push({ ...r, topic: range.topic, partition: range.partition });
            }
            position = nextOffsetAfter(batches) ?? position;
          }
        }),
      );
    } catch (error) {
      throw explainPlatformaticError(this.kafka, error, {
        groupId: this.groupId,
        topics: [...new Set(wanted.map((r) => r.topic))],
        principal: this.principal,
      });
    } finally {
      await consumer.close().catch(() => undefined);
    }
    // Each range is read in offset order by its own loop: per partition, the records are in order.
    return out;
  }
}
