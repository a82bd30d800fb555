import type { consumerGroupHeartbeatV1, Consumer } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import type { PlatformaticKafka } from './load-platformatic.js';
import { hookHeartbeats, MEMBER_EPOCH, OWNED } from './heartbeat-hooks.js';
import { mergeOwned, ownedIds } from './owned-partitions.js';

type HeartbeatArgs = consumerGroupHeartbeatV1.ConsumerGroupHeartbeatRequest;

const kafka = { kGetApi: Symbol('getApi') } as unknown as PlatformaticKafka;

/** A member whose heartbeat API records the arguments it is called with. */
function memberWithHeartbeat(): { consumer: Consumer; sent: unknown[][]; call(args: HeartbeatArgs): void } {
  const sent: unknown[][] = [];
  const api = Object.assign((_connection: unknown, ...args: unknown[]) => void sent.push(args), {
    version: 1,
    key: 68,
    async: async () => undefined,
  });
  const consumer = {
    [kafka.kGetApi]: (_name: string, done: (error: Error | null, api: unknown) => void) => done(null, api),
  } as unknown as Consumer;
  const call = (args: HeartbeatArgs) =>
    (consumer as unknown as Record<symbol, (n: string, d: (e: unknown, a?: typeof api) => void) => void>)[
      kafka.kGetApi
    ]!('ConsumerGroupHeartbeat', (_e, wrapped) => {
      expect(wrapped!.version).toBe(1);
      wrapped!({}, ...args);
    });
  return { consumer, sent, call };
}

// Typed by the package's own request type: moving the epoch or the owned list stops this compiling.
const heartbeat = (epoch: number, owned: HeartbeatArgs[typeof OWNED]): HeartbeatArgs => [
  'group',
  'member',
  epoch,
  null,
  null,
  60_000,
  ['orders'],
  null,
  null,
  owned,
];

describe('hookHeartbeats', () => {
  it('lists the partitions still held as owned, beside what the library owns', () => {
    const { consumer, sent, call } = memberWithHeartbeat();
    const topicIds = new Map([['orders', 'id-orders']]);
    hookHeartbeats(kafka, consumer, {
      groupId: 'g',
      held: () => [{ topic: 'orders', partition: 2 }],
      topicIds,
    });
    const owned = [{ topicId: 'id-orders', partitions: [0] }];
    call(heartbeat(7, owned));
    expect(sent[0]![MEMBER_EPOCH]).toBe(7);
    expect(sent[0]![OWNED]).toEqual([{ topicId: 'id-orders', partitions: [0, 2] }]);
    expect(owned).toEqual([{ topicId: 'id-orders', partitions: [0] }]);
  });

  it('leaves joining (epoch 0) and leaving (epoch -1) heartbeats as they are', () => {
    const { consumer, sent, call } = memberWithHeartbeat();
    hookHeartbeats(kafka, consumer, {
      groupId: 'g',
      held: () => [{ topic: 'orders', partition: 2 }],
      topicIds: new Map([['orders', 'x']]),
    });
    call(heartbeat(0, []));
    call(heartbeat(-1, []));
    expect(sent.map((args) => args[OWNED])).toEqual([[], []]);
  });
});

describe('ownedIds and mergeOwned', () => {
  it('names held partitions by topic id, leaving out topics never fetched', () => {
    const ids = new Map([['a', 'id-a']]);
    const held = [
      { topic: 'a', partition: 1 },
      { topic: 'a', partition: 3 },
      { topic: 'never-fetched', partition: 0 },
    ];
    expect(ownedIds(held, ids)).toEqual([{ topicId: 'id-a', partitions: [1, 3] }]);
  });

  it('adds each held partition once, new topics included', () => {
    const merged = mergeOwned(
      [{ topicId: 'a', partitions: [0, 1] }],
      [
        { topicId: 'a', partitions: [1, 2] },
        { topicId: 'b', partitions: [5] },
      ],
    );
    expect(merged).toEqual([
      { topicId: 'a', partitions: [0, 1, 2] },
      { topicId: 'b', partitions: [5] },
    ]);
  });
});
