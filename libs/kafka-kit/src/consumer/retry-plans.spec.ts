import { describe, expect, it } from 'vitest';
import { BatchListenerFailedError } from '../errors/batch-listener-failed.error.js';
import type { GroupPlan } from './group-plan.js';
import { KafkaContext } from './kafka-context.js';
import type { ListenerRoute } from './listener-route.js';
import { withRetryPlans } from './retry-plans.js';

/** A batch listener on `orders` with one retry topic in a group of its own, failing as `fail` says. */
function batchPlan(fail: (records: unknown[]) => never): GroupPlan {
  const route = {
    groupId: 'g',
    topics: ['orders'],
    batch: true,
    usesContext: false,
    invoke: async (records: unknown[]) => fail(records),
    errorStrategy: {
      retryPath: {
        topics: (t: string) => [`${t}.retry-1`],
        groupId: (g: string) => `${g}.retry`,
        admitRetry: () => true,
      },
    },
  } as unknown as ListenerRoute;
  return {
    options: { groupId: 'g', fetchMaxWaitMs: 500 },
    routes: [route],
    failureTopics: [],
  } as unknown as GroupPlan;
}

describe('withRetryPlans', () => {
  const one = { topic: 'orders.retry-1', partition: 0 } as unknown as KafkaContext;

  it('hands a batch listener a retried record as a batch of one', async () => {
    let seen: unknown[] = [];
    const [, retry] = withRetryPlans(
      batchPlan((records) => {
        seen = records;
        throw new Error('stop');
      }),
    );
    await expect(retry!.routes[0]!.invoke('payload', one)).rejects.toThrow('stop');
    expect(seen).toEqual(['payload']);
  });

  it('fails a retried record with the cause a batch listener wrapped, not the wrapper', async () => {
    class PaymentDeclined extends Error {}
    const [, retry] = withRetryPlans(
      batchPlan(() => {
        throw new BatchListenerFailedError(0, new PaymentDeclined('card declined'));
      }),
    );
    await expect(retry!.routes[0]!.invoke('payload', one)).rejects.toBeInstanceOf(PaymentDeclined);
  });
});
