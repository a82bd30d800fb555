import type { ConsumedRecord } from '../client/consumer-client.js';
import type { RecordSource } from '../errors/record-coordinates.js';
import type { Admission, ErrorStrategy, GatedRecord } from '../strategies/error-strategy.js';
import type { OffsetStore } from '../interfaces/offset-store.interface.js';
import type { TopicDeclaration } from '../interfaces/topic-declaration.interface.js';
import type { ListenerSpans } from '../tracing/listener-spans.js';
import type { HandlerInvoker } from './handler-invoker.factory.js';

/** One `@KafkaListener` method, resolved at startup into what the consumer loop calls. */
export interface ListenerRoute {
  groupId: string;
  topics: (string | RegExp)[];
  /** `Class.method`, for logs and errors. */
  name: string;
  batch: boolean;
  /**
   * Deserializes and validates one record's value. Throws the typed, non-retryable errors, with
   * the record's coordinates (built only then, from `source` and the record's offset).
   */
  decode(record: ConsumedRecord, source: RecordSource): unknown;
  /** Runs the handler (through Nest's enhancers when any apply); see HandlerInvoker. */
  invoke: HandlerInvoker;
  /** The handler reads its context; when false the loop passes none (no allocation per record). */
  usesContext: boolean;
  errorStrategy: ErrorStrategy;
  topicDeclarations: TopicDeclaration[];
  /** Runs before the handler (retry topics, ordered retry); see Admission. */
  admit?: (record: GatedRecord) => Promise<Admission>;
  /** Runs after the handler succeeded (ordered retry releases the key's next record). */
  handled?: (record: GatedRecord) => Promise<void>;
  /** The group's assignment changed (ordered retry rebuilds its state). */
  assignmentChanged?: () => void;
  /** Read from the earliest offset when the group has no commit, whatever the group's option. */
  fromBeginning?: boolean;
  /** Its topics must be co-partitioned in the group (ordered retry). */
  copartitioned?: boolean;
  /** Key-level parallelism: records in flight per partition (see KafkaListenerOptions.concurrency). */
  keyConcurrency?: number;
  /** Tracing on: the listener's spans, which hear of each failure's verdict. */
  spans?: ListenerSpans;
  /** Offsets kept in the application's database (see KafkaListenerOptions.offsetStore). */
  offsetStore?: OffsetStore;
}

/** Finds the listener of a topic: literal names first, then patterns; cached per topic. */
export class RouteTable {
  private readonly byTopic = new Map<string, ListenerRoute | null>();

  constructor(private readonly routes: ListenerRoute[]) {
    for (const route of routes) {
      for (const t of route.topics) if (typeof t === 'string') this.byTopic.set(t, route);
    }
  }

  /** The topics to subscribe to, by where a group without commits starts reading them. */
  subscriptions(groupFromBeginning: boolean): { fromBeginning: boolean; topics: (string | RegExp)[] }[] {
    return [true, false]
      .map((fromBeginning) => ({
        fromBeginning,
        topics: this.routes
          .filter((r) => (r.fromBeginning ?? groupFromBeginning) === fromBeginning)
          .flatMap((r) => r.topics),
      }))
      .filter((s) => s.topics.length > 0);
  }

  get all(): readonly ListenerRoute[] {
    return this.routes;
  }

  /** Partition p of every topic must go to one member (a route keeps order across topics). */
  get copartitioned(): boolean {
    return this.routes.some((r) => r.copartitioned);
  }

  routeFor(topic: string): ListenerRoute | undefined {
    let route = this.byTopic.get(topic);
    if (route === undefined) {
      route = this.routes.find((r) => r.topics.some((t) => t instanceof RegExp && t.test(topic))) ?? null;
      this.byTopic.set(topic, route);
    }
    return route ?? undefined;
  }
}
