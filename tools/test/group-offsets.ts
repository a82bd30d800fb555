import type { Admin } from 'kafkajs';
import { kafkaBrokers, waitFor } from './helpers.js';
import { onKip848 } from './kafka-client-options.js';

/**
 * Waits for `groupId` to have no member left (a killed one's session timed out), then moves its
 * committed offset on `topic`/`partition` to `offset`, from outside the group, under the suite's
 * group protocol. kafkajs speaks only the classic one: its DescribeGroups answers a KIP-848 group
 * `Dead`, and its setOffsets joins the group as a classic member, so the KIP-848 pass asks
 * @platformatic/kafka (ListGroups for the state, OffsetCommit as an admin).
 */
export async function setOffsetOnceEmpty(
  admin: Admin,
  {
    groupId,
    topic,
    partition,
    offset,
  }: { groupId: string; topic: string; partition: number; offset: string },
): Promise<void> {
  const wait = { timeoutMs: 30_000, intervalMs: 500 };
  if (!onKip848()) {
    await waitFor(
      'the killed member to leave the group',
      async () => (await admin.describeGroups([groupId])).groups[0]!.state === 'Empty',
      wait,
    );
    await admin.setOffsets({ groupId, topic, partitions: [{ partition, offset }] });
    return;
  }
  // Loaded only here: the kafkajs passes may run on a Node.js it does not support.
  const { Admin: PlatformaticAdmin } = await import('@platformatic/kafka');
  const kip848 = new PlatformaticAdmin({ clientId: 'test-group-offsets', bootstrapBrokers: kafkaBrokers() });
  try {
    await waitFor(
      'the killed member to leave the group',
      async () =>
        (await kip848.listGroups({ types: ['consumer'] })).get(groupId)?.state.toLowerCase() === 'empty',
      wait,
    );
    await kip848.alterConsumerGroupOffsets({
      groupId,
      topics: [{ name: topic, partitionOffsets: [{ partition, offset: BigInt(offset) }] }],
    });
  } finally {
    await kip848.close();
  }
}
