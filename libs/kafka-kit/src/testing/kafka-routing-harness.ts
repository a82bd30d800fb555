import type { TestingModule, TestingModuleBuilder } from '@nestjs/testing';
import type { BatchControl, ConsumedRecord } from '../client/consumer-client.js';
import { KafkaConnection } from '../client/kafka-connection.js';
import type { OutgoingRecord } from '../client/producer-client.js';
import { ConsumerObservers } from '../consumer/state/consumer-observers.js';
import { ConsumerStateService } from '../consumer/state/consumer-state.service.js';
import type { GroupState } from '../consumer/state/group-state.js';
import { GroupConsumer } from '../consumer/group-consumer.js';
import { KafkaExplorer } from '../consumer/kafka.explorer.js';
import { RouteTable } from '../consumer/listener-route.js';
import { FailureProducer } from '../failure-records/failure-producer.js';
import { headerText } from '../failure-records/failure-headers.js';
import { DLQ_HEADERS, RETRY_HEADERS } from '../failure-records/kafka-headers.js';
import { OfflineConnection } from './offline-connection.js';
import { RecordingFailureProducer } from './recording-failure-producer.js';
import type { RoutingOutcome } from './routing-outcome.js';
import { noListenerFor } from './testing.messages.js';
import { errorSummary } from '../errors/error-summary.js';

/** One input for the harness: the value is serialized like KafkaProducer does (JSON, or as-is). */
export interface HarnessMessage {
  /** The record's value: a Buffer or string as-is, anything else as JSON; `null` for a tombstone. */
  value: unknown;
  /** The record's key. @default null */
  key?: string | Buffer | null;
  /** The record's headers. @default none */
  headers?: Record<string, string>;
  /** @default 0 */
  partition?: number;
}

/** An input and every outcome it went through (main topic, then each delivered retry). */
export interface RoutingTrace {
  /** The input's key as text, or `null`. */
  key: string | null;
  /** Every outcome in order: the main topic first, then one per delivered retry. */
  outcomes: RoutingOutcome[];
  /** The last outcome: where the input is now. */
  final: RoutingOutcome;
}

function serialize(value: unknown): Buffer | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
}

const text = (v: Buffer | string | undefined) => (v === undefined ? undefined : v.toString());

/**
 * Drives your listeners' whole pipeline (deserialize, validate, handler through Nest, error
 * strategy) in-process, without a broker, and says where each input ended up: handled, retried,
 * parked, dead-lettered, stopped, skipped or delayed. Retry records can then be delivered
 * (`deliverRetries`) to follow an input to its end, ordered retry included. Blocking-retry
 * back-offs take real time: give such listeners short back-offs in tests.
 *
 * ```ts
 * const harness = await KafkaRoutingHarness.create(
 *   Test.createTestingModule({ imports: [KafkaModule.forRoot({ brokers: 'unused:9092' })], providers: [MyListener] }),
 * );
 * expect(await harness.send('orders', { value: 'not json' })).toMatchObject({ kind: 'dead-lettered', reason: 'deserialization' });
 * ```
 */
export class KafkaRoutingHarness {
  private readonly offsets = new Map<string, bigint>();
  private readonly traces: RoutingTrace[] = [];
  private pendingRetries: { record: OutgoingRecord; trace: RoutingTrace }[] = [];
  // What the consumer loop reported for the record being delivered.
  private seen: { handled: boolean; failure?: unknown; verdict?: string } = { handled: false };

  private constructor(
    private readonly moduleRef: TestingModule,
    private readonly groups: { consumer: GroupConsumer; state: GroupState }[],
    observers: ConsumerObservers,
    private readonly producer: RecordingFailureProducer,
    private readonly connection: OfflineConnection,
  ) {
    observers.add({
      handled: () => (this.seen.handled = true),
      failed: (_slot, _strategy, verdict, error) => Object.assign(this.seen, { failure: error, verdict }),
    });
  }

  /** Compiles `builder` offline: nothing starts, Kafka is a stand-in, failure writes are recorded. */
  static async create(builder: TestingModuleBuilder): Promise<KafkaRoutingHarness> {
    const producer = new RecordingFailureProducer();
    const connection = new OfflineConnection();
    const moduleRef = await builder
      .overrideProvider(FailureProducer)
      .useValue(producer)
      .overrideProvider(KafkaConnection)
      .useValue(connection)
      .compile();
    const states = moduleRef.get(ConsumerStateService);
    const observers = moduleRef.get(ConsumerObservers);
    // The harness stands in for KafkaConsumersHost: it registers each group and owns its state.
    const groups = moduleRef
      .get(KafkaExplorer)
      .explore()
      .map((plan) => {
        const state = states.register(plan.options.groupId);
        return {
          consumer: new GroupConsumer(plan.options, new RouteTable(plan.routes), state, observers),
          state,
        };
      });
    return new KafkaRoutingHarness(moduleRef, groups, observers, producer, connection);
  }

  /** What the app's own KafkaProducer sent (handlers that produce), in order. */
  get produced(): readonly OutgoingRecord[] {
    return this.connection.produced;
  }

  /** Every input sent so far, with its outcomes. */
  get all(): readonly RoutingTrace[] {
    return this.traces;
  }

  /** Sends one record to `topic`'s listener and returns where it ended up. */
  async send(topic: string, message: HarnessMessage): Promise<RoutingOutcome> {
    const key = message.key === undefined || message.key === null ? null : Buffer.from(message.key);
    const trace: RoutingTrace = { key: key?.toString() ?? null, outcomes: [], final: { kind: 'delayed' } };
    this.traces.push(trace);
    const record: ConsumedRecord = {
      key,
      value: serialize(message.value),
      timestamp: String(Date.now()),
      offset: this.nextOffset(topic, message.partition ?? 0),
      headers: message.headers,
    };
    return this.deliver(topic, message.partition ?? 0, record, trace);
  }

  /**
   * Delivers the records waiting in retry topics (due times ignored: the outcome of the write
   * says when each was due), until none is left; returns the traces that had retries.
   */
  async deliverRetries(): Promise<RoutingTrace[]> {
    const touched = new Set<RoutingTrace>();
    while (this.pendingRetries.length > 0) {
      const { record, trace } = this.pendingRetries.shift()!;
      touched.add(trace);
      const partition = record.partition ?? 0;
      await this.deliver(
        record.topic,
        partition,
        {
          key: record.key === null ? null : Buffer.from(record.key),
          value: record.value === null ? null : Buffer.from(record.value),
          timestamp: record.timestamp ?? String(Date.now()),
          offset: this.nextOffset(record.topic, partition),
          headers: { ...record.headers, [RETRY_HEADERS.dueAt]: '0' },
        },
        trace,
      );
    }
    return [...touched];
  }

  /** Closes the testing module (and with it the listeners' providers). */
  async close(): Promise<void> {
    await this.moduleRef.close();
  }

  private async deliver(
    topic: string,
    partition: number,
    record: ConsumedRecord,
    trace: RoutingTrace,
  ): Promise<RoutingOutcome> {
    const group = this.groups.find((g) => g.consumer.routes.routeFor(topic));
    if (!group) throw new Error(noListenerFor(topic));
    const written = this.producer.sent.length;
    let marked = false;
    this.seen = { handled: false };
    const control: BatchControl = {
      markProcessed: () => (marked = true),
      holdCommits: () => () => undefined,
      heartbeat: async () => undefined,
      shouldContinue: () => true,
      pause: () => () => undefined,
      commit: async () => undefined,
    };
    await group.consumer.handleBatch({ topic, partition, highWatermark: '0', records: [record] }, control);
    // A failure's write may go on after its batch: the outcome is known once it is confirmed.
    await group.consumer.settleFailures(topic, partition);
    const outcome = this.outcome(group, topic, partition, record, this.producer.sent.slice(written), marked);
    trace.outcomes.push(outcome);
    trace.final = outcome;
    for (const r of this.producer.sent.slice(written))
      if (headerText(r.headers, RETRY_HEADERS.attempt) !== undefined)
        this.pendingRetries.push({ record: r, trace });
    return outcome;
  }

  private outcome(
    group: { state: GroupState },
    topic: string,
    partition: number,
    record: ConsumedRecord,
    writes: OutgoingRecord[],
    marked: boolean,
  ): RoutingOutcome {
    const attempt = Number(headerText(record.headers, RETRY_HEADERS.attempt) ?? 0);
    const write = writes[writes.length - 1];
    const h = write?.headers;
    if (write && headerText(h, DLQ_HEADERS.attempts) !== undefined)
      return {
        kind: 'dead-lettered',
        dlqTopic: write.topic,
        reason: text(h![DLQ_HEADERS.reason]) ?? '',
        attempts: Number(text(h![DLQ_HEADERS.attempts])),
        error: `${text(h![DLQ_HEADERS.errorClass]) ?? text(h!['kafka_dlt-exception-fqcn'])}: ${text(h![DLQ_HEADERS.errorMessage]) ?? text(h!['kafka_dlt-exception-message'])}`,
      };
    if (
      write &&
      text(h![RETRY_HEADERS.parked]) === 'true' &&
      text(h![RETRY_HEADERS.errorClass]) === undefined
    )
      return { kind: 'parked', retryTopic: write.topic };
    if (write)
      return {
        kind: 'retried',
        retryTopic: write.topic,
        attempt: Number(text(h![RETRY_HEADERS.attempt])),
        dueAt: Number(text(h![RETRY_HEADERS.dueAt])),
        error: `${text(h![RETRY_HEADERS.errorClass])}: ${text(h![RETRY_HEADERS.errorMessage])}`,
      };
    const stopped = group.state.stoppedAt(topic, partition);
    if (stopped) {
      // Each send is judged on its own: the next one finds the partition running again.
      group.state.partitionResumed(topic, partition, stopped.kind);
      return { kind: 'stopped', error: stopped.error };
    }
    if (this.seen.handled || this.seen.verdict === 'recovered') return { kind: 'handled', attempt };
    const error = this.seen.failure;
    // Committed after a failure with nothing written anywhere: skipped on purpose.
    if (marked && error !== undefined) return { kind: 'skipped', error: errorSummary(error) };
    return { kind: 'delayed' };
  }

  private nextOffset(topic: string, partition: number): string {
    const id = `${topic}:${partition}`;
    const next = this.offsets.get(id) ?? 0n;
    this.offsets.set(id, next + 1n);
    return next.toString();
  }
}
