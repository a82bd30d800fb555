import { OffsetConflictError } from '../errors/offset-conflict.error.js';
import type { OffsetPosition, OffsetStore } from '../interfaces/offset-store.interface.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';
import { ListenerRouting } from '../strategies/listener-routing.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import type { KafkaContext } from './kafka-context.js';
import type { ListenerRoute } from './listener-route.js';

/** The offset after `offset`: where a partition resumes once the record at `offset` is done. */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** What a handler's transaction covers: its record, or its batch's first to last record. */
export function positionOf(groupId: string, ctx: KafkaContext | KafkaBatchContext): OffsetPosition {
  const records = ctx instanceof KafkaBatchContext ? ctx.records : [ctx];
  return {
    groupId,
    topic: ctx.topic,
    partition: ctx.partition,
    from: records[0]!.offset,
    next: nextOffset(records[records.length - 1]!.offset),
  };
}

/**
 * The route with its handler run inside the offset store's transaction, in which the offset is
 * saved once the handler returns: the handler's writes and the offset commit together or not at
 * all. A returned routing value or a throw rolls both back, and the record goes to the error
 * strategy as before. Applied per group, so a retry consumer saves under its own group id.
 */
export function withOffsetTransactions(route: ListenerRoute): ListenerRoute {
  const store = route.offsetStore;
  if (!store) return route;
  const { invoke, groupId, spans } = route;
  const transactional: ListenerRoute['invoke'] = (payload, ctx) => {
    const context = ctx!;
    const position = positionOf(groupId, context);
    return store.transaction(async (tx) => {
      context.bindTransaction(tx);
      const result = await invoke(payload, context);
      if (result instanceof ListenerRouting) throw new RoutedByHandlerError(result);
      if (!(await store.save(tx, position))) throw conflict(position);
      return undefined;
    });
  };
  return {
    ...route,
    // The offset to save is read from the context, so there always is one.
    usesContext: true,
    // Traced, the record's span goes around the whole transaction (the route factory left the
    // handler untraced): a failed save or COMMIT after the handler returned fails the span the
    // handler ran in, whose id then goes on the DLQ or retry copy.
    invoke: spans ? spans.wrap(transactional, route.batch) : transactional,
  };
}

/**
 * Saves the offset after a record that the error strategy routed (DLQ, retry topic, skip) or a
 * gate forwarded, in a transaction of its own: called only once that write is confirmed.
 * Throws OffsetConflictError when the store is already past it.
 */
export async function saveRoutedOffset(
  store: OffsetStore,
  groupId: string,
  topic: string,
  partition: number,
  offset: string,
): Promise<void> {
  const position = { groupId, topic, partition, from: offset, next: nextOffset(offset) };
  const saved = await store.transaction((tx) => store.save(tx, position));
  if (!saved) throw conflict(position);
}

function conflict({ groupId, topic, partition, from }: OffsetPosition): OffsetConflictError {
  return new OffsetConflictError(groupId, topic, partition, from);
}
