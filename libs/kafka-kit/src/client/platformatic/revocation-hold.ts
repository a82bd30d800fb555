import type { API, Callback, Consumer, consumerGroupHeartbeatV1 } from '@platformatic/kafka';
import type { PlatformaticKafka } from './load-platformatic.js';

type OwnedTopicPartitions = consumerGroupHeartbeatV1.ConsumerGroupHeartbeatRequestTopicPartition[];
type HeartbeatApi = API<unknown[], unknown>;

/** Where the member epoch and the owned partitions are among ConsumerGroupHeartbeat's arguments (after the connection). */
export const MEMBER_EPOCH = 2;
export const OWNED = 9;

export interface HeldPartition {
  topic: string;
  partition: number;
}

/**
 * KIP-848 gives a revoked partition to its next owner once this member's heartbeat stops listing
 * it as owned. @platformatic/kafka 2.12 sends that heartbeat as soon as an assignment without the
 * partition arrives, before the batch in hand on it has ended and been committed, so the next owner
 * would handle those records again (the Java client awaits `onPartitionsRevoked` there; this
 * library has no such hook). So every ConsumerGroupHeartbeat of the member lists, besides what the
 * library owns, the partitions the consumer still `held()`: the acknowledgement goes with the first
 * heartbeat after the consumer let them go, and until then the broker keeps them pending revocation.
 * Joining (epoch 0) and leaving (epoch -1) are left as they are: neither owns anything.
 *
 * It relies on `kGetApi` and on the heartbeat's argument order, which @platformatic/kafka exports
 * but does not document: the package is pinned to 2.12.x for it, and a spec checks the order.
 */
export function holdRevokedPartitions(
  kafka: PlatformaticKafka,
  consumer: Consumer,
  held: () => HeldPartition[],
  topicIds: ReadonlyMap<string, string>,
): void {
  const getApi = consumer[kafka.kGetApi].bind(consumer) as (
    name: string,
    done: Callback<HeartbeatApi>,
  ) => void;
  (consumer as unknown as Record<symbol, unknown>)[kafka.kGetApi] = (
    name: string,
    done: Callback<HeartbeatApi>,
  ): void => {
    if (name !== 'ConsumerGroupHeartbeat') return getApi(name, done);
    getApi(name, (error, api) => done(error, api && withHeld(api, () => ownedIds(held(), topicIds))));
  };
}

function withHeld(api: HeartbeatApi, heldIds: () => OwnedTopicPartitions): HeartbeatApi {
  const wrapped = ((connection: unknown, ...args: unknown[]) => {
    const owned = args[OWNED];
    if (Array.isArray(owned) && (args[MEMBER_EPOCH] as number) > 0)
      args[OWNED] = mergeOwned(owned as OwnedTopicPartitions, heldIds());
    api(connection as never, ...args);
  }) as HeartbeatApi;
  return Object.assign(wrapped, { async: api.async, key: api.key, version: api.version });
}

/** The held partitions by topic id; a topic whose id is not known yet was never fetched, so nothing of it is in hand. */
export function ownedIds(held: HeldPartition[], topicIds: ReadonlyMap<string, string>): OwnedTopicPartitions {
  const byId = new Map<string, number[]>();
  for (const { topic, partition } of held) {
    const id = topicIds.get(topic);
    if (id !== undefined) byId.set(id, [...(byId.get(id) ?? []), partition]);
  }
  return [...byId].map(([topicId, partitions]) => ({ topicId, partitions }));
}

/** `owned` with `held` added, as a new list: the library's own assignment is not changed. */
export function mergeOwned(owned: OwnedTopicPartitions, held: OwnedTopicPartitions): OwnedTopicPartitions {
  const merged = new Map(owned.map((t) => [t.topicId, [...t.partitions]]));
  for (const { topicId, partitions } of held) {
    const into = merged.get(topicId) ?? [];
    for (const p of partitions) if (!into.includes(p)) into.push(p);
    merged.set(topicId, into);
  }
  return [...merged].map(([topicId, partitions]) => ({ topicId, partitions }));
}
