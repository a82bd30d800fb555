import { BatchListenerFailedError } from '../errors/batch-listener-failed.error.js';
import type { KafkaContext } from './kafka-context.js';
import { KafkaBatchContext } from './kafka-batch-context.js';
import type { GroupPlan } from './group-plan.js';
import type { ListenerRoute } from './listener-route.js';

// A resumed partition is fetched only when the running long poll returns: groups that consume
// retry topics poll briefly, so retries do not run up to a whole fetch wait late.
const RETRY_FETCH_MAX_WAIT_MS = 100;

/** The listener once more, on its strategy's retry topics, each record held until due. */
function retryRoute(route: ListenerRoute, groupId: string): ListenerRoute {
  const path = route.errorStrategy.retryPath!;
  const main = route.invoke;
  return {
    ...route,
    groupId,
    topics: route.topics.flatMap((t) => path.topics(t as string)),
    // Retried records come one at a time, so a batch listener gets batches of one.
    batch: false,
    invoke: route.batch
      ? async (payload, ctx) => {
          const one = ctx as KafkaContext;
          try {
            return await main([payload], new KafkaBatchContext(one.topic, one.partition, [one]));
          } catch (error) {
            // The record loop retries single records: what failed is the cause, not its batch wrapper
            // (its class and message are what the next retry topic or the DLQ record).
            throw error instanceof BatchListenerFailedError ? error.cause : error;
          }
        }
      : main,
    // The batch wrapper builds its batch context from the record's.
    usesContext: route.usesContext || route.batch,
    topicDeclarations: [],
    // A retry record written before the group's first commit must not be skipped.
    fromBeginning: true,
    admit: (gated) => path.admitRetry(gated),
    handled: path.retried && ((gated) => path.retried!(gated)),
    assignmentChanged: undefined,
    // Retry topics are consumed in due order, each record held until due: one at a time.
    keyConcurrency: undefined,
  };
}

/**
 * A group's plan with its retry consumers: the same listeners on the retry topics. Unordered:
 * in a group of their own, derived from the main one, so the main topic never waits for them.
 * Ordered: in the main group, co-partitioned, because the member that owns a partition must
 * also own that partition's retry records. Returns the main plan first.
 */
export function withRetryPlans(plan: GroupPlan): GroupPlan[] {
  const { groupId } = plan.options;
  const inMainGroup: ListenerRoute[] = [];
  const byGroup = new Map<string, ListenerRoute[]>();
  for (const route of plan.routes) {
    const path = route.errorStrategy.retryPath;
    if (!path) continue;
    const retryGroup = path.groupId(groupId);
    const retry = retryRoute(route, retryGroup);
    if (retryGroup === groupId) inMainGroup.push(retry);
    else byGroup.set(retryGroup, [...(byGroup.get(retryGroup) ?? []), retry]);
  }
  const fetchMaxWaitMs = Math.min(plan.options.fetchMaxWaitMs, RETRY_FETCH_MAX_WAIT_MS);
  const main: GroupPlan =
    inMainGroup.length === 0
      ? plan
      : { ...plan, options: { ...plan.options, fetchMaxWaitMs }, routes: [...plan.routes, ...inMainGroup] };
  const retryGroups = [...byGroup].map(([retryGroup, routes]) => ({
    options: { ...plan.options, groupId: retryGroup, fetchMaxWaitMs },
    routes,
    failureTopics: [],
  }));
  return [main, ...retryGroups];
}
