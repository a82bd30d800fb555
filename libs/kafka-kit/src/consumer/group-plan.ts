import type { ListenerRoute } from './listener-route.js';
import type { ResolvedConsumerOptions } from './resolved-consumer-options.js';

/** One consumer group to start: its options and listeners. */
export interface GroupPlan {
  options: ResolvedConsumerOptions;
  routes: ListenerRoute[];
  /** Topics the routes' error strategies write (retry, DLQ), created with the source's partitions. */
  failureTopics: { source: string; topics: string[] }[];
}
