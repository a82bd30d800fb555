import type { BatchControl, FetchedBatch } from '../client/consumer-client.js';
import { BatchListenerFailedError } from '../errors/batch-listener-failed.error.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import { KafkaContext } from './kafka-context.js';
import type { ListenerRoute } from './listener-route.js';
import type { LoopDependencies } from './record-loop.js';
import type { PartitionActivitySlot } from './state/partition-activity-slot.js';

/**
 * One fetched batch of a batch listener: the handler gets the batch's payloads at once.
 * Records that cannot be decoded split the batch: the valid ones before it are handled, then
 * the bad one goes to the error strategy. A handler that throws BatchListenerFailedError(index)
 * commits the records before `index`.
 */
export async function handleAsBatch(
  { failures, observers }: LoopDependencies,
  route: ListenerRoute,
  batch: FetchedBatch,
  control: BatchControl,
  slot: PartitionActivitySlot,
): Promise<void> {
  const { topic, partition } = batch;
  const failed = async (record: FetchedBatch['records'][number], error: unknown): Promise<boolean> => {
    const goOn = await failures.onFailure(route, slot, record, error, control);
    slot.ended();
    if (goOn) control.markProcessed(record.offset);
    return goOn;
  };
  let pending = batch.records;
  // With an offset store a failed batch's transaction rolled back the records before the failed
  // one too: they run again as a batch of their own (one transaction), then the rest.
  let limit = pending.length;
  while (pending.length > 0 && control.shouldContinue()) {
    const payloads: unknown[] = [];
    const contexts: KafkaContext[] = [];
    let decodeError: unknown;
    for (const record of pending.slice(0, limit)) {
      try {
        payloads.push(route.decode(record, batch));
        if (route.usesContext) contexts.push(new KafkaContext(topic, partition, record, control));
      } catch (error) {
        decodeError = error;
        break;
      }
    }
    const good = pending.slice(0, payloads.length);
    if (good.length > 0) {
      const started = slot.begin(good[good.length - 1]!.offset);
      try {
        const ctx = route.usesContext ? new KafkaBatchContext(topic, partition, contexts) : undefined;
        await route.invoke(payloads, ctx);
        observers.handled(slot, good.length, slot.succeeded(good.length) - started);
        control.markProcessed(good[good.length - 1]!.offset);
      } catch (error) {
        const failedAt = error instanceof BatchListenerFailedError ? error.index : 0;
        if (failedAt > 0 && route.offsetStore) {
          limit = failedAt;
          continue;
        }
        limit = pending.length;
        if (failedAt > 0) {
          observers.handled(slot, failedAt, slot.succeeded(failedAt) - started);
          control.markProcessed(good[failedAt - 1]!.offset);
        }
        const cause = error instanceof BatchListenerFailedError ? error.cause : error;
        if (!(await failed(good[failedAt]!, cause))) return;
        pending = pending.slice(failedAt + 1);
        continue;
      }
    }
    pending = pending.slice(good.length);
    limit = pending.length;
    if (decodeError !== undefined) {
      if (!(await failed(pending[0]!, decodeError))) return;
      pending = pending.slice(1);
    }
  }
}
