import type { ConsumedRecord } from '../client/consumer-client.js';
import type { RecordCoordinates } from '../errors/record-coordinates.js';
import type { ErrorStrategy } from '../errors/error-strategy.js';
import type { TopicDeclaration } from '../interfaces/topic-declaration.interface.js';
import type { KafkaContext } from './kafka-context.js';
import type { KafkaBatchContext } from './kafka-batch-context.js';

/** One `@KafkaListener` method, resolved at startup into what the consumer loop calls. */
export interface ListenerRoute {
  groupId: string;
  topics: (string | RegExp)[];
  /** `Class.method`, for logs and errors. */
  name: string;
  batch: boolean;
  /** Deserializes and validates one record's value. Throws the typed, non-retryable errors. */
  decode(record: ConsumedRecord, coordinates: RecordCoordinates): unknown;
  /** Runs the handler through Nest's pipes, guards, interceptors and filters. */
  invoke(payload: unknown, ctx: KafkaContext | KafkaBatchContext): Promise<unknown>;
  errorStrategy: ErrorStrategy;
  topicDeclarations: TopicDeclaration[];
  /** Retry-topic routes only: when a record is due (epoch ms); it is never handled earlier. */
  dueAt?: (record: ConsumedRecord) => number;
}

/** Finds the listener of a topic: literal names first, then patterns; cached per topic. */
export class RouteTable {
  private readonly byTopic = new Map<string, ListenerRoute | null>();

  constructor(private readonly routes: ListenerRoute[]) {
    for (const route of routes) {
      for (const t of route.topics) if (typeof t === 'string') this.byTopic.set(t, route);
    }
  }

  get subscriptions(): (string | RegExp)[] {
    return this.routes.flatMap((r) => r.topics);
  }

  get all(): readonly ListenerRoute[] {
    return this.routes;
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
