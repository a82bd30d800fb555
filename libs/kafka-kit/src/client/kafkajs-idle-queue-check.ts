import { createRequire } from 'node:module';

interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

/**
 * kafkajs 2.2.4 (its last release) re-arms its request-queue check after every response at
 * `throttledUntil - Date.now()` ms, even with nothing queued and no throttle: a negative delay.
 * Node 20 quietly runs such a timer after 1 ms; Node 24 also prints a TimeoutNegativeWarning to
 * stderr. With nothing pending and no throttle that check has nothing to do, so it is skipped;
 * every other case runs kafkajs' own code unchanged.
 */
export function skipIdleQueueChecks(): void {
  const { prototype } = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as {
    prototype: RequestQueue;
  };
  const schedule = prototype.scheduleCheckPendingRequests;
  if ((schedule as { idleSkipped?: true }).idleSkipped) return;
  const patched = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  prototype.scheduleCheckPendingRequests = Object.assign(patched, { idleSkipped: true as const });
}
