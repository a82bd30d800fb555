import type { API, Callback, Consumer, consumerGroupHeartbeatV1 } from '@platformatic/kafka';
import { atMost } from './at-most.js';
import { DroppedMember } from './dropped-member.js';
import type { PlatformaticKafka } from './load-platformatic.js';
import {
  leftOut,
  mergeOwned,
  ownedIds,
  type HeldPartition,
  type OwnedTopicPartitions,
} from './owned-partitions.js';

type HeartbeatApi = API<unknown[], unknown>;
type HeartbeatResponse = consumerGroupHeartbeatV1.ConsumerGroupHeartbeatResponse;

/** Where the member epoch and the owned partitions are among ConsumerGroupHeartbeat's arguments (after the connection). */
export const MEMBER_EPOCH = 2;
export const OWNED = 9;

export interface HeartbeatHooks {
  groupId: string;
  /** The partitions the consumer still holds: assigned, or revoked and not let go yet. */
  held(): HeldPartition[];
  /** Lets held partitions go before an assignment without them is handed on; settled once they are. */
  revoking(partitions: HeldPartition[]): Promise<void>;
  /** Topic ids by name, as the consumer's fetches learnt them. */
  topicIds: ReadonlyMap<string, string>;
}

/**
 * The KIP-848 member's ConsumerGroupHeartbeat calls, adjusted where @platformatic/kafka 2.12 differs
 * from the Java client:
 * - A revoked partition goes to its next owner once this member's heartbeat stops listing it as
 *   owned, and the library sends that heartbeat as soon as an assignment without it arrives, before
 *   the batch in hand on it has ended and been committed (the Java client awaits
 *   `onPartitionsRevoked` there), so the next owner would handle those records again. So an answer
 *   whose assignment leaves out held partitions is handed on once they are let go (`revoking`): the
 *   library's own heartbeat right after it then acknowledges the revocation. It waits at most half
 *   the heartbeat interval the answer gives, as no heartbeat goes out meanwhile; past that, each
 *   heartbeat still lists the partitions the consumer `held()`, and the acknowledgement goes with
 *   the first one after they were let go. Joining (epoch 0) and leaving (epoch -1) heartbeats are
 *   sent as they are: neither owns anything.
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
  const dropped = new DroppedMember(kafka, hooks.groupId);
  (consumer as unknown as Record<symbol, unknown>)[kafka.kGetApi] = (
    name: string,
    done: Callback<HeartbeatApi>,
  ): void => {
    if (name !== 'ConsumerGroupHeartbeat') return getApi(name, done);
    getApi(name, (error, api) => done(error, api && hooked(api, hooks, dropped)));
  };
}

function hooked(api: HeartbeatApi, hooks: HeartbeatHooks, dropped: DroppedMember): HeartbeatApi {
  const wrapped = ((connection: unknown, ...args: unknown[]) => {
    const owned = args[OWNED];
    if (Array.isArray(owned) && (args[MEMBER_EPOCH] as number) > 0)
      args[OWNED] = mergeOwned(owned as OwnedTopicPartitions, ownedIds(hooks.held(), hooks.topicIds));
    const done = args.at(-1);
    if (typeof done === 'function')
      args[args.length - 1] = (error: unknown, response: HeartbeatResponse | undefined) => {
        const handOn = () => (done as Callback<unknown>)(dropped.answered(error) as Error | null, response);
        const assignment = error ? undefined : response?.assignment?.topicPartitions;
        const revoked = assignment ? leftOut(hooks.held(), hooks.topicIds, assignment) : [];
        if (revoked.length === 0) return handOn();
        void atMost(hooks.revoking(revoked), response!.heartbeatIntervalMs / 2).then(handOn);
      };
    api(connection as never, ...args);
  }) as HeartbeatApi;
  return Object.assign(wrapped, { async: api.async, key: api.key, version: api.version });
}
