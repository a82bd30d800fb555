import type { API, Callback, Consumer } from '@platformatic/kafka';
import { DroppedMember } from './dropped-member.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import { mergeOwned, ownedIds, type HeldPartition, type OwnedTopicPartitions } from './owned-partitions.js';

type HeartbeatApi = API<unknown[], unknown>;

/** Where the member epoch and the owned partitions are among ConsumerGroupHeartbeat's arguments (after the connection). */
export const MEMBER_EPOCH = 2;
export const OWNED = 9;

export interface HeartbeatHooks {
  groupId: string;
  /** The partitions the consumer still holds: assigned, or revoked and not let go yet. */
  held(): HeldPartition[];
  /** Topic ids by name, as the consumer's fetches learnt them. */
  topicIds: ReadonlyMap<string, string>;
}

/**
 * The KIP-848 member's ConsumerGroupHeartbeat calls, adjusted where @platformatic/kafka 2.12 differs
 * from the Java client:
 * - A revoked partition goes to its next owner once this member's heartbeat stops listing it as
 *   owned, and the library sends that heartbeat as soon as an assignment without it arrives, before
 *   the batch in hand on it has ended and been committed (the Java client awaits
 *   `onPartitionsRevoked` there), so the next owner would handle those records again. So each
 *   heartbeat also lists the partitions the consumer still `held()`: the acknowledgement goes with
 *   the first heartbeat after they were let go, and the broker keeps them pending revocation until
 *   then. Joining (epoch 0) and leaving (epoch -1) are left as they are: neither owns anything.
 * - An UNKNOWN_MEMBER_ID answer makes the member join again (`DroppedMember`).
 *
 * It relies on `kGetApi` and on the heartbeat's argument order, which @platformatic/kafka exports
 * but does not document: the package is pinned to 2.12.x for it, and a spec checks the order.
 */
export function hookHeartbeats(kafka: PlatformaticKafka, consumer: Consumer, hooks: HeartbeatHooks): void {
  const getApi = consumer[kafka.kGetApi].bind(consumer) as (
    name: string,
    done: Callback<HeartbeatApi>,
  ) => void;
  const heldIds = () => ownedIds(hooks.held(), hooks.topicIds);
  const dropped = new DroppedMember(kafka, hooks.groupId);
  const answered = (error: unknown) => dropped.answered(error);
  (consumer as unknown as Record<symbol, unknown>)[kafka.kGetApi] = (
    name: string,
    done: Callback<HeartbeatApi>,
  ): void => {
    if (name !== 'ConsumerGroupHeartbeat') return getApi(name, done);
    getApi(name, (error, api) => done(error, api && hooked(api, heldIds, answered)));
  };
}

function hooked(
  api: HeartbeatApi,
  heldIds: () => OwnedTopicPartitions,
  answered: (error: unknown) => unknown,
): HeartbeatApi {
  const wrapped = ((connection: unknown, ...args: unknown[]) => {
    const owned = args[OWNED];
    if (Array.isArray(owned) && (args[MEMBER_EPOCH] as number) > 0)
      args[OWNED] = mergeOwned(owned as OwnedTopicPartitions, heldIds());
    const done = args.at(-1);
    if (typeof done === 'function')
      args[args.length - 1] = (error: unknown, response: unknown) =>
        (done as Callback<unknown>)(answered(error) as Error | null, response);
    api(connection as never, ...args);
  }) as HeartbeatApi;
  return Object.assign(wrapped, { async: api.async, key: api.key, version: api.version });
}
