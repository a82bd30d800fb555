import type { consumerGroupHeartbeatV1, Consumer } from '@platformatic/kafka';
import { describe, expect, it, vi } from 'vitest';
import type { PlatformaticKafka } from './load-platformatic.js';
import { hookHeartbeats, MEMBER_EPOCH, OWNED } from './heartbeat-hooks.js';
import { leftOut, mergeOwned, ownedIds } from './owned-partitions.js';

type HeartbeatArgs = consumerGroupHeartbeatV1.ConsumerGroupHeartbeatRequest;

const kafka = { kGetApi: Symbol('getApi') } as unknown as PlatformaticKafka;

/** A member whose heartbeat API records the arguments it is called with. */
function memberWithHeartbeat(): {
  consumer: Consumer;
  sent: unknown[][];
  call(args: HeartbeatArgs, done?: (error: unknown, response: unknown) => void): void;
} {
  const sent: unknown[][] = [];
  const api = Object.assign((_connection: unknown, ...args: unknown[]) => void sent.push(args), {
    version: 1,
    key: 68,
    async: async () => undefined,
  });
  const consumer = {
    [kafka.kGetApi]: (_name: string, done: (error: Error | null, api: unknown) => void) => done(null, api),
  } as unknown as Consumer;
  const call = (args: HeartbeatArgs, done?: (error: unknown, response: unknown) => void) =>
    (consumer as unknown as Record<symbol, (n: string, d: (e: unknown, a?: typeof api) => void) => void>)[
      kafka.kGetApi
    ]!('ConsumerGroupHeartbeat', (_e, wrapped) => {
      expect(wrapped!.version).toBe(1);
      wrapped!({}, ...args, ...(done ? [done] : []));
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
      revoking: async () => undefined,
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
      revoking: async () => undefined,
      topicIds: new Map([['orders', 'x']]),
    });
    call(heartbeat(0, []));
    call(heartbeat(-1, []));
    expect(sent.map((args) => args[OWNED])).toEqual([[], []]);
  });
});

/** A member holding orders 0 and 2, whose `revoking` settles when the test says. */
function revokingMember() {
  const member = memberWithHeartbeat();
  const revoking: unknown[] = [];
  let letGo!: () => void;
  hookHeartbeats(kafka, member.consumer, {
    groupId: 'g',
    held: () => [
      { topic: 'orders', partition: 0 },
      { topic: 'orders', partition: 2 },
    ],
    revoking: (partitions) => {
      revoking.push(partitions);
      return new Promise((resolve) => (letGo = resolve));
    },
    topicIds: new Map([['orders', 'id-orders']]),
  });
  const answers: unknown[] = [];
  member.call(heartbeat(7, [{ topicId: 'id-orders', partitions: [0, 2] }]), (_e, response) =>
    answers.push(response),
  );
  const answer = (partitions: number[], heartbeatIntervalMs = 5_000) => ({
    memberEpoch: 7,
    heartbeatIntervalMs,
    assignment: { topicPartitions: [{ topicId: 'id-orders', partitions }] },
  });
  const respond = (response: unknown) =>
    (member.sent[0]!.at(-1) as (error: unknown, response: unknown) => void)(null, response);
  return { revoking, answers, answer, respond, letGo: () => letGo() };
}

describe('hookHeartbeats: an answer that revokes held partitions', () => {
  it('is handed on once they are let go, so the next heartbeat acknowledges it', async () => {
    const { revoking, answers, answer, respond, letGo } = revokingMember();
    const revokes = answer([0]);
    respond(revokes);
    expect(revoking).toEqual([[{ topic: 'orders', partition: 2 }]]);
    await Promise.resolve();
    expect(answers).toEqual([]);
    letGo();
    await expect.poll(() => answers).toEqual([revokes]);
  });

  it('is handed on after half the heartbeat interval when letting go takes longer', async () => {
    vi.useFakeTimers();
    try {
      const { answers, answer, respond } = revokingMember();
      respond(answer([0], 1_000));
      await vi.advanceTimersByTimeAsync(499);
      expect(answers).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(answers).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is handed on at once when it keeps every held partition', () => {
    const { revoking, answers, answer, respond } = revokingMember();
    respond(answer([0, 2, 5]));
    expect(revoking).toEqual([]);
    expect(answers).toHaveLength(1);
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

  it('leftOut names the held partitions an assignment leaves out, by topic id', () => {
    const held = [
      { topic: 'a', partition: 0 },
      { topic: 'a', partition: 1 },
      { topic: 'b', partition: 0 },
      { topic: 'never-fetched', partition: 0 },
    ];
    const ids = new Map([
      ['a', 'id-a'],
      ['b', 'id-b'],
    ]);
    expect(leftOut(held, ids, [{ topicId: 'id-a', partitions: [1] }])).toEqual([
      { topic: 'a', partition: 0 },
      { topic: 'b', partition: 0 },
    ]);
  });
});
