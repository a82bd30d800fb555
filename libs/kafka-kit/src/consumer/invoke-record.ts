import type { BatchControl, ConsumedRecord, FetchedBatch } from '../client/consumer-client.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';
import { ListenerRouting } from '../strategies/listener-routing.js';
import { KafkaContext } from './kafka-context.js';
import type { ListenerRoute } from './listener-route.js';

/**
 * Decodes one record and runs its listener; a returned routing value (`deadLetter()`,
 * `retryLater()`) rejects like any failure, so it reaches the error strategy.
 */
export async function invokeRecord(
  route: ListenerRoute,
  batch: FetchedBatch,
  record: ConsumedRecord,
  control: BatchControl,
): Promise<void> {
  const { topic, partition } = batch;
  const payload = route.decode(record, batch);
  const ctx = route.usesContext ? new KafkaContext(topic, partition, record, control) : undefined;
  const result = await route.invoke(payload, ctx);
  if (result instanceof ListenerRouting) throw new RoutedByHandlerError(result);
}
