// Helpers every integration test uses: the broker list, unique names, and waiting on conditions.
import { randomBytes } from 'node:crypto';
import type { Admin, ITopicConfig } from 'kafkajs';
import { inject } from 'vitest';

export function kafkaBrokers(): string[] {
  return inject('kafkaBrokers');
}

/** A topic or group name no other test (or earlier run against the same broker) uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Polls `probe` until it returns a value that is not undefined/false, or fails after `timeoutMs`
 * with `what` and the last value seen, so a timeout says what was being waited for.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 20_000, intervalMs = 50 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last)}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Creates topics and waits until every partition has a leader. Not kafkajs' `waitForLeaders`:
 * it gives up when the broker it asks has not heard of the new topic yet.
 */
export async function createTopics(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const names = topics.map((t) => t.topic);
  await waitFor(`leaders for ${names.join(', ')}`, async () => {
    const { topics: meta } = await admin.fetchTopicMetadata({ topics: names });
    return meta.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
  });
}
