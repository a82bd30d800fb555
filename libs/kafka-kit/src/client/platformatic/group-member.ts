import type { Consumer, ConsumerOptions } from '@platformatic/kafka';
import type { PlatformaticKafka } from './load-platformatic.js';
import { groupOptions, type PlatformaticConsumerSettings } from './platformatic-options.js';
import { hookHeartbeats } from './heartbeat-hooks.js';
import type { HeldPartition } from './owned-partitions.js';

export interface GroupMemberHooks {
  /** Before every classic JoinGroup: settles the work in flight (the rejoin barrier). */
  beforeRejoin(): Promise<Buffer>;
  /** Under KIP-848: the partitions the consumer still holds, listed as owned in each heartbeat. */
  held(): HeldPartition[];
  /** Under KIP-848: lets held partitions go before an assignment without them reaches the consumer. */
  revoking(partitions: HeldPartition[]): Promise<void>;
  /** Topic ids by name, as the consumer's fetches learnt them. */
  topicIds: ReadonlyMap<string, string>;
}

/**
 * The @platformatic/kafka consumer a group consumer is a member through: no autocommit, fetch sizes
 * from the options, and a partition given up is not handled again by its next owner before this
 * member's batches on it have ended and been committed, as with kafkajs. Under the classic protocol
 * that is done before each rejoin (`protocolsMetadata` is called before every JoinGroup); under
 * KIP-848 by handing on the heartbeat answer that revokes it only then, and by keeping it in the
 * heartbeats until then (`hookHeartbeats`, which also makes a member the broker dropped join again).
 */
export function createGroupMember(
  kafka: PlatformaticKafka,
  base: object,
  options: PlatformaticConsumerSettings,
  hooks: GroupMemberHooks,
): Consumer {
  const classic = options.groupProtocol === 'classic';
  const consumer = new kafka.Consumer<Buffer, Buffer, Buffer, Buffer>({
    ...base,
    groupId: options.groupId,
    autocommit: false,
    maxWaitTime: options.fetchMaxWaitMs,
    maxBytesPerPartition: options.maxBytesPerPartition,
    ...groupOptions(options),
    ...(classic ? { protocolsMetadata: () => hooks.beforeRejoin() } : {}),
  } as ConsumerOptions<Buffer, Buffer, Buffer, Buffer>);
  if (!classic) hookHeartbeats(kafka, consumer, { groupId: options.groupId, ...hooks });
  return consumer;
}
