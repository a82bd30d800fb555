import * as kafka from '@platformatic/kafka';
import type { Consumer } from '@platformatic/kafka';
import { describe, expect, it } from 'vitest';
import { MissingTopicsHold } from './missing-topics.js';

/** What @platformatic/kafka throws for a metadata request naming a topic the cluster lacks. */
const unknownTopic = (topic: string) => new kafka.UserError(`Unknown topic ${topic}.`);

/** A consumer whose metadata requests fail for the topics in `missing`. */
function consumerLacking(missing: Set<string>) {
  const asked: string[][] = [];
  const consumer = {
    clearMetadata: () => undefined,
    metadata: async ({ topics }: { topics: string[] }) => {
      asked.push(topics);
      const gone = topics.find((t) => missing.has(t));
      if (gone) throw unknownTopic(gone);
      return { topics: new Map() };
    },
  } as unknown as Consumer;
  return { consumer, asked };
}

describe('MissingTopicsHold', () => {
  it('holds fetching for a missing topic, names it once, and tells when it is back', async () => {
    const { consumer } = consumerLacking(new Set(['orders.retry.1']));
    const told: string[] = [];
    const hold = new MissingTopicsHold(kafka, consumer, {
      missing: (_e, topics) => void told.push(`missing ${topics.join()}`),
      other: () => void told.push('other'),
      back: () => void told.push('back'),
    });
    expect(hold.holds(unknownTopic('orders.retry.1'), ['orders', 'orders.retry.1'])).toBe(true);
    expect(hold.holding).toBe(true);
    await expect.poll(() => told).toEqual(['missing orders.retry.1']);
    expect(hold.holding).toBe(true); // the back-off's first 0.5 s
    hold.answered();
    expect(told).toEqual(['missing orders.retry.1', 'back']);
    hold.answered();
    expect(told).toHaveLength(2);
  });

  it('counts fetch rounds that failed together as one hold: one look at the topics, one report', async () => {
    const { consumer, asked } = consumerLacking(new Set(['orders.retry.1']));
    const told: string[][] = [];
    const hold = new MissingTopicsHold(kafka, consumer, {
      missing: (_e, topics) => void told.push(topics),
      other: () => undefined,
      back: () => undefined,
    });
    const error = unknownTopic('orders.retry.1');
    expect(hold.holds(error, ['orders', 'orders.retry.1'])).toBe(true);
    expect(hold.holds(error, ['orders', 'orders.retry.1'])).toBe(true);
    await expect.poll(() => told).toEqual([['orders.retry.1']]);
    expect(asked).toEqual([['orders'], ['orders.retry.1']]);
  });

  it('is not a hold for any other error, and one that only looked like it is told as other', async () => {
    const { consumer } = consumerLacking(new Set());
    const told: string[] = [];
    const hold = new MissingTopicsHold(kafka, consumer, {
      missing: () => void told.push('missing'),
      other: () => void told.push('other'),
      back: () => void told.push('back'),
    });
    expect(hold.holds(new Error('connection reset'), ['orders'])).toBe(false);
    expect(hold.holds(unknownTopic('orders'), ['orders'])).toBe(true);
    await expect.poll(() => told).toEqual(['other']);
    expect(hold.holding).toBe(false);
  });
});
