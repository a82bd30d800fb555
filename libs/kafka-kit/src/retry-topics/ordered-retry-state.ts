import { randomUUID } from 'node:crypto';
import type { KafkaConnection } from '../client/kafka-connection.js';
import type { ReadRange } from '../client/topic-reader.js';
import { failureOrigin } from '../failure-records/failure-headers.js';
import { KeyQueues } from './key-queues.js';

const ADMIN_TIMEOUT_MS = 10_000;
const REBUILD_TIMEOUT_MS = 60_000;

/** Ordered retry keys a record by its key bytes; keyless records have no order to keep. */
export function orderKey(key: Buffer | null): string | undefined {
  return key === null ? undefined : key.toString('base64');
}

/**
 * Which keys of each source partition are in the retry path, for ordered retry. Kept in memory
 * by the member that owns the partition (the group is co-partitioned, so it owns the partition
 * of the retry topics too) and rebuilt from the retry topics themselves whenever the group's
 * assignment changes: the records between the group's committed offsets and the ends of the
 * retry topics are exactly the records still in the path.
 */
export class OrderedRetryState {
  private readonly queues = new Map<string, KeyQueues>();
  private readonly rebuilt = new Map<string, Promise<void>>();
  // Partitions whose rebuild finished: the main topic's gate reads them without an await.
  private readonly ready = new Set<string>();
  // Bumped by reset(): a rebuild that finishes after it must not mark its partition ready.
  private generation = 0;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly groupId: string,
    private readonly retryTopics: (sourceTopic: string) => string[],
  ) {}

  /** The queues of `sourceTopic`, rebuilt for `partition` first when needed. */
  async of(sourceTopic: string, partition: number): Promise<KeyQueues> {
    const id = `${sourceTopic}:${partition}`;
    let rebuilding = this.rebuilt.get(id);
    if (!rebuilding) {
      const generation = this.generation;
      rebuilding = this.rebuild(sourceTopic, partition).then(
        () => {
          if (generation === this.generation) this.ready.add(id);
        },
        (err: unknown) => {
          this.rebuilt.delete(id);
          throw err;
        },
      );
      this.rebuilt.set(id, rebuilding);
    }
    await rebuilding;
    return this.queuesOf(sourceTopic);
  }

  /** The queues of `sourceTopic` if `partition` is rebuilt already; else use `of`. */
  peek(sourceTopic: string, partition: number): KeyQueues | undefined {
    return this.ready.has(`${sourceTopic}:${partition}`) ? this.queuesOf(sourceTopic) : undefined;
  }

  /** The assignment changed: every partition is rebuilt before its next record. */
  reset(): void {
    this.generation++;
    this.rebuilt.clear();
    this.ready.clear();
    this.queues.clear();
  }

  private queuesOf(sourceTopic: string): KeyQueues {
    let q = this.queues.get(sourceTopic);
    if (!q) this.queues.set(sourceTopic, (q = new KeyQueues()));
    return q;
  }

  private async rebuild(sourceTopic: string, partition: number): Promise<void> {
    const queues = this.queuesOf(sourceTopic);
    queues.clear(partition);
    const admin = this.connection.admin();
    const committed = await admin.committedOffsets(this.groupId, ADMIN_TIMEOUT_MS);
    const ranges: ReadRange[] = [];
    for (const topic of this.retryTopics(sourceTopic)) {
      const log = (await admin.topicOffsets(topic, ADMIN_TIMEOUT_MS)).find((o) => o.partition === partition);
      if (!log) continue;
      const done = committed.find((c) => c.topic === topic && c.partition === partition)?.offset;
      // No commit yet: the group reads retry topics from the earliest offset kept.
      const from = done === undefined || done === '-1' ? log.low : done;
      ranges.push({ topic, partition, from, to: log.high });
    }
    const reader = this.connection.createReader(`${this.groupId}.ordered-rebuild.${randomUUID()}`);
    for (const record of await reader.read(ranges, REBUILD_TIMEOUT_MS)) {
      const key = orderKey(record.key);
      const origin = failureOrigin(sourceTopic, partition, record, 0);
      if (key !== undefined && origin.topic === sourceTopic) queues.add(partition, key, origin.offset);
    }
  }
}
