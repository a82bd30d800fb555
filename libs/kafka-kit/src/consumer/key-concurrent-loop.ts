import type { BatchControl, ConsumedRecord, FetchedBatch } from '../client/consumer-client.js';
import { invokeRecord } from './invoke-record.js';
import type { ListenerRoute } from './listener-route.js';
import type { LoopDependencies } from './record-loop.js';
import type { PartitionActivitySlot } from './state/partition-activity-slot.js';

/** Ordering identity of a record: its key bytes; keyless records are independent. */
function orderKey(record: ConsumedRecord): string | undefined {
  return record.key === null ? undefined : record.key.toString('latin1');
}

/**
 * One fetched batch with key-level parallelism: records of different keys run concurrently, at
 * most `max` at once; a record whose key is running waits behind it, so per-key order holds.
 * Offsets are marked only below the first record not done, so whatever was unfinished comes
 * again after a crash. A record that halts its partition (stop, a pause, an unrecorded failure)
 * stops new starts; the calls in flight finish, then the batch returns.
 */
export async function handleRecordsByKey(
  { failures, observers, cadence }: LoopDependencies,
  route: ListenerRoute,
  batch: FetchedBatch,
  control: BatchControl,
  slot: PartitionActivitySlot,
  max: number,
): Promise<void> {
  const { records } = batch;
  const { admit, handled } = route;
  const pipelined = route.errorStrategy.pipelined === true && !admit;
  const done = new Uint8Array(records.length);
  // Map order is start order: its first entry is the longest-running call, for liveness.
  const inFlight = new Map<number, { offset: string; since: number }>();
  const waitingBehind = new Map<string, number[]>();
  let head = 0;
  let running = 0;
  let halted = false;
  let unexpected: unknown;
  let wake: (() => void) | undefined;
  let lastHeartbeat = Date.now();
  let lastCommit = lastHeartbeat;
  let markedSinceCommit = 0;

  const ended = (i: number) => {
    if (inFlight.delete(i)) slot.oldestInFlight(inFlight.values().next().value);
  };

  // True when the record is done for good and may be committed.
  const run = async (i: number): Promise<boolean> => {
    const record = records[i]!;
    const gated = admit || handled ? failures.gated(route, slot, record, control) : undefined;
    if (admit !== undefined) {
      const admission = await admit(gated!);
      if (admission !== 'handle') return admission === 'done';
    }
    const since = Date.now();
    inFlight.set(i, { offset: record.offset, since });
    if (inFlight.size === 1) slot.oldestInFlight({ offset: record.offset, since });
    try {
      await invokeRecord(route, batch, record, control);
      if (handled !== undefined) await handled(gated!);
      ended(i);
      observers.handled(slot, 1, slot.progressed(1) - since);
      return true;
    } catch (error) {
      // As in the record loop: a write-only strategy ends the call; a retrying one goes on in it.
      if (pipelined) ended(i);
      return await failures.onFailure(route, slot, record, error, control);
    } finally {
      ended(i);
    }
  };

  const finish = (i: number, key: string | undefined, ok: boolean) => {
    running--;
    if (ok) {
      done[i] = 1;
      if (i === head) {
        const from = head;
        while (head < records.length && done[head] === 1) head++;
        control.markProcessed(records[head - 1]!.offset);
        markedSinceCommit += head - from;
      }
    } else halted = true;
    if (key !== undefined) {
      const next = waitingBehind.get(key)!.shift();
      if (next !== undefined && !halted && control.shouldContinue()) start(next, key);
      else waitingBehind.delete(key);
    }
    wake?.();
  };

  const start = (i: number, key: string | undefined) => {
    running++;
    run(i).then(
      (ok) => finish(i, key, ok),
      (error: unknown) => {
        fail(error);
        finish(i, key, false);
      },
    );
  };

  const fail = (error: unknown) => {
    unexpected ??= error;
    halted = true;
  };

  // As in the record loop: commit what is done so far, on the consumer's cadence; heartbeat.
  const check = async () => {
    const now = Date.now();
    const { commitMs, commitEveryRecords, heartbeatMs } = cadence;
    if (now - lastCommit >= commitMs || (commitEveryRecords > 0 && markedSinceCommit >= commitEveryRecords)) {
      lastCommit = now;
      markedSinceCommit = 0;
      await control.commit();
    }
    if (now - lastHeartbeat >= heartbeatMs) {
      lastHeartbeat = now;
      await control.heartbeat();
    }
  };

  const settle = async (until: () => boolean) => {
    while (!until()) {
      await new Promise<void>((resolve) => (wake = resolve));
      if (!halted) await check().catch(fail);
    }
  };

  for (let i = 0; i < records.length; i++) {
    await settle(() => running < max || halted);
    if (halted || !control.shouldContinue()) break;
    const key = orderKey(records[i]!);
    if (key !== undefined) {
      const queue = waitingBehind.get(key);
      if (queue) {
        queue.push(i);
        continue;
      }
      waitingBehind.set(key, []);
    }
    start(i, key);
  }
  // Drain: the calls in flight finish (and start the records waiting behind them, unless halted).
  await settle(() => running === 0);
  if (unexpected !== undefined) throw unexpected;
}
