import type { Admin, ClusterMetadata, Consumer, Message, MessageRecord, Producer } from '@platformatic/kafka';
import type { PlatformaticKafka } from './load-platformatic.js';
import type { SendVia } from './partitioned-send.js';

type Tx = Awaited<ReturnType<Producer<Buffer, Buffer, Buffer, Buffer>['beginTransaction']>>;

/** One open transaction, in the shape the producer client hands out. */
export interface OpenTransaction {
  via: SendVia;
  /** Adds every partition of a send to the transaction before its per-partition sends start. */
  addPartitions(messages: { topic: string; partition?: number }[], metadata: object): Promise<void>;
  sendOffsets(groupId: string, topic: string, partition: number, nextOffset: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Transactions of one @platformatic/kafka producer (it runs one at a time, as Kafka does per
 * transactional id). Two of its calls are adapted:
 * - it adds a send's partitions to the transaction from inside `send`, deduplicating concurrent
 *   AddPartitionsToTxn calls by name only, so of the per-partition sends only the first one's
 *   partition would be added; all of a send's partitions are added here first, in one call;
 * - it adds consumer offsets only for a message its own consumer read (`addOffset` reads the
 *   group's generation, member and coordinator from the message); the library's `sendOffsets`
 *   names a group, a partition and an offset, so the message is built here with the group's
 *   coordinator and no generation or member (-1 and ''), which the broker accepts for a
 *   transactional offset commit, as kafkajs' sendOffsets sends it.
 */
export class PlatformaticTransactions {
  private admin?: Admin;

  constructor(
    private readonly kafka: PlatformaticKafka,
    private readonly base: object,
    private readonly producer: Producer<Buffer, Buffer, Buffer, Buffer>,
  ) {}

  async begin(): Promise<OpenTransaction> {
    const tx: Tx = await this.producer.beginTransaction();
    // The transaction's offset commits go one at a time: @platformatic/kafka deduplicates
    // concurrent ones by name, as it does AddPartitionsToTxn.
    let offsets: Promise<void> = Promise.resolve();
    return {
      via: tx,
      addPartitions: async (messages, metadata) => {
        await tx.addPartitions(metadata as ClusterMetadata, messages as MessageRecord[]);
      },
      sendOffsets: (groupId, topic, partition, nextOffset) => {
        const sent = offsets.then(() => this.addOffset(tx, groupId, topic, partition, nextOffset));
        offsets = sent.catch(() => undefined);
        return sent;
      },
      commit: () => tx.commit(),
      abort: () => tx.abort(),
    };
  }

  private async addOffset(tx: Tx, groupId: string, topic: string, partition: number, nextOffset: string) {
    await tx.addConsumer({ groupId } as Consumer);
    const coordinatorId = await this.coordinator(groupId);
    const message = {
      topic,
      partition,
      offset: BigInt(nextOffset) - 1n, // the library commits the offset after the message's
      metadata: { consumer: { groupId, generationId: -1, memberId: '', coordinatorId } },
    } as unknown as Message;
    await tx.addOffset(message);
  }

  /** The group coordinator's node id, asked each time (a coordinator moves with its broker). */
  private async coordinator(groupId: string): Promise<number> {
    this.admin ??= new this.kafka.Admin({ ...this.base } as ConstructorParameters<
      PlatformaticKafka['Admin']
    >[0]);
    const [found] = await this.admin.findCoordinator({ keyType: 0, keys: [groupId] });
    return found!.nodeId;
  }

  async close(): Promise<void> {
    await this.admin?.close();
  }
}
