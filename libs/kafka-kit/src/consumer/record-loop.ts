import type { BatchControl, FetchedBatch } from '../client/consumer-client.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';
import { ListenerRouting } from '../strategies/listener-routing.js';
import type { FailureDispatcher } from './failure-dispatcher.js';
import { KafkaContext } from './kafka-context.js';
import type { ListenerRoute } from './listener-route.js';
import type { ConsumerObservers } from './state/consumer-observers.js';
import type { PartitionActivitySlot } from './state/partition-activity-slot.js';

/**
 * When a loop stops inside a batch to commit what it processed (so a crash redelivers at most
 * one cadence of work) and to heartbeat. Asking kafkajs costs a few microtasks, so never per record.
 */
export interface CheckCadence {
  heartbeatMs: number;
  /** The consumer's commitIntervalMs. */
  commitMs: number;
  /** The consumer's commitEveryRecords (0: by time only). */
  commitEveryRecords: number;
}

/** What the loops of one group share. */
export interface LoopDependencies {
  failures: FailureDispatcher;
  observers: ConsumerObservers;
  cadence: CheckCadence;
}

/**
 * One fetched batch of a record listener: each record through its gate (retry topics), the
 * handler and, on failure, the error strategy; offsets marked in order, never past a failure
 * that is not yet recorded.
 */
export async function handleRecords(
  { failures, observers, cadence }: LoopDependencies,
  route: ListenerRoute,
  batch: FetchedBatch,
  control: BatchControl,
  slot: PartitionActivitySlot,
): Promise<void> {
  const { topic, partition, records } = batch;
  const { heartbeatMs, commitMs, commitEveryRecords } = cadence;
  const { admit, handled } = route;
  // Strategies that only record failures let the partition go on while they write, into its
  // next batches too: each write holds the partition's commits at its record until confirmed.
  // Not with an offset store: the next record's transaction would store an offset past a
  // failure whose write is not confirmed yet.
  const pipelined = route.errorStrategy.pipelined === true && !admit && !route.offsetStore;
  const pending = pipelined ? failures.pendingOn(slot) : undefined;
  // Writes carried over from earlier batches: waited for at the end of this one, so a
  // partition whose writes fail is held one batch later (the writes retry meanwhile).
  let carried = pending?.size ?? 0;
  // The last record done and not yet marked: kafkajs parses and re-serializes an offset on each
  // mark, so a run of successes is marked once, before anything else marks and at the end.
  let done: string | undefined;
  let marked: string | undefined;
  const flush = () => {
    if (done !== undefined) control.markProcessed((marked = done));
    done = undefined;
  };
  // An unrecorded failure: it and what follows come again, so the position goes back to it
  // (only back: a batch fetched after a rebalance may start at or before it).
  const rewind = (offset: string) => {
    flush();
    const next = marked === undefined ? BigInt(records[0]!.offset) : BigInt(marked) + 1n;
    if (BigInt(offset) < next) control.markProcessed((BigInt(offset) - 1n).toString());
  };
  let lastHeartbeat = Date.now();
  let lastCommit = lastHeartbeat;
  let sinceCommit = 0;
  let nextCheckAt = lastHeartbeat + Math.min(heartbeatMs, commitMs);
  const check = async (now: number) => {
    if (now - lastCommit >= commitMs || (commitEveryRecords > 0 && sinceCommit >= commitEveryRecords)) {
      flush();
      await control.commit();
      lastCommit = now;
      sinceCommit = 0;
    }
    if (now - lastHeartbeat >= heartbeatMs) {
      lastHeartbeat = now;
      await control.heartbeat();
    }
    nextCheckAt = Math.min(lastHeartbeat + heartbeatMs, lastCommit + commitMs);
  };
  try {
    for (const record of records) {
      if (!control.shouldContinue()) return;
      // Only retry and ordered routes have a gate; the plain path pays one undefined check.
      const gated = admit || handled ? failures.gated(route, slot, record, control) : undefined;
      if (admit !== undefined) {
        const admission = await admit(gated!);
        if (admission === 'wait') return;
        if (admission === 'done') {
          if (route.offsetStore && !(await failures.routed(route, slot, record))) return;
          done = record.offset;
          continue;
        }
      }
      const started = slot.begin(record.offset);
      try {
        const payload = route.decode(record, batch);
        const ctx = route.usesContext ? new KafkaContext(topic, partition, record, control) : undefined;
        const result = await route.invoke(payload, ctx);
        if (result instanceof ListenerRouting) throw new RoutedByHandlerError(result);
        if (handled !== undefined) await handled(gated!);
        observers.handled(slot, 1, slot.succeeded(1) - started);
      } catch (error) {
        if (pending) {
          // The handler is done; only the write goes on, while the next record's handler runs.
          slot.ended();
          const release = control.holdCommits(record.offset);
          pending.add(record.offset, failures.onFailure(route, slot, record, error, control), release);
          if (pending.full) {
            carried = 0;
            if (!(await pending.settle(rewind))) return;
          }
        } else {
          const goOn = await failures.onFailure(route, slot, record, error, control);
          slot.ended();
          if (!goOn) return;
        }
      }
      done = record.offset;
      if (
        slot.lastProgressAt >= nextCheckAt ||
        (commitEveryRecords > 0 && ++sinceCommit >= commitEveryRecords)
      )
        await check(slot.lastProgressAt);
    }
  } finally {
    flush();
    // Stopping: every write is waited for, so what was recorded is committed on the way out.
    if (pending && pending.size > 0)
      await pending.settle(rewind, control.shouldContinue() ? carried : pending.size);
  }
}
