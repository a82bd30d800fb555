import type { ConsumedRecord } from '../client/consumer-client.js';
import { BatchListenerFailedError } from '../errors/batch-listener-failed.error.js';
import type { OtelApi, Span, Tracer } from './otel-api.js';
import {
  markFailed,
  startBatchSpan,
  startRecordSpan,
  type BatchSource,
  type RecordSource,
  type StartedSpan,
} from './process-spans.js';
import { ATTR } from './span-attributes.js';

/** What the spans of one listener need to know about it, fixed at startup. */
export interface ListenerTraceInfo {
  groupId: string;
  batch: boolean;
  /** The handler returned a routing value (`deadLetter()`, `retryLater()`): a failure. */
  isRouting(result: unknown): boolean;
}

/** The consumer's call of a handler: payload(s) and the record's (or batch's) context. */
export type Invoke<C> = (payload: unknown, ctx: C) => unknown;

/**
 * The spans of one listener. A handler runs inside its record's span; on success the span ends
 * there. On failure it is held for the failure dispatcher, which runs the error strategy inside
 * it (so DLQ and retry records get its id and failure logs its trace) and ends it with the
 * strategy's verdict.
 */
export class ListenerSpans {
  private readonly failing = new WeakMap<ConsumedRecord, { span: Span; errorRecorded: boolean }>();
  // Records whose failure is being dispatched: a retry in place of one is an attempt of its own.
  private readonly dispatching = new WeakSet<ConsumedRecord>();

  constructor(
    private readonly api: OtelApi,
    private readonly tracer: Tracer,
    private readonly info: ListenerTraceInfo,
  ) {}

  /**
   * The handler's invoker inside spans. The consumer must then pass every call its context
   * (the span reads topic, partition and the record from it): the route's `usesContext` is true.
   * `batch`: what the calls get, a batch or one record (a batch listener's retry route calls it
   * with one record).
   */
  wrap<C>(invoke: Invoke<C>, batch = this.info.batch): Invoke<C> {
    const { api, tracer, info } = this;
    if (batch)
      return (payloads, ctx) => {
        const source = ctx as unknown as BatchSource;
        const failedRecord = (error: unknown) =>
          source.records[error instanceof BatchListenerFailedError ? error.index : 0]?.record;
        return this.run(startBatchSpan(api, tracer, info.groupId, source), failedRecord, () =>
          invoke(payloads, ctx),
        );
      };
    return (payload, ctx) => {
      const source = ctx as unknown as RecordSource;
      return this.run(
        startRecordSpan(api, tracer, info.groupId, source),
        () => source.record,
        () => invoke(payload, ctx),
      );
    };
  }

  /**
   * Runs a failed record's error strategy inside the record's span (started now if the record
   * failed before its handler ran: deserialization, validation) and ends the span with the
   * verdict as `nest_kafka_kit.outcome`. `handle` gets the span's id for the failure records.
   */
  async failed<V extends string>(
    source: RecordSource,
    error: unknown,
    handle: (failedSpanId: string) => Promise<V>,
  ): Promise<V> {
    const { api } = this;
    const { record } = source;
    const held = this.failing.get(record);
    this.failing.delete(record);
    const span = held?.span ?? startRecordSpan(api, this.tracer, this.info.groupId, source).span;
    if (!held?.errorRecorded) markFailed(api, span, error);
    this.dispatching.add(record);
    try {
      const inSpan = api.trace.setSpan(api.context.active(), span);
      const verdict = await api.context.with(inSpan, () => handle(span.spanContext().spanId));
      span.setAttribute(ATTR.outcome, verdict);
      return verdict;
    } catch (thrown) {
      markFailed(api, span, thrown);
      throw thrown;
    } finally {
      this.dispatching.delete(record);
      span.end();
    }
  }

  private async run(
    { span, context }: StartedSpan,
    failedRecord: (error: unknown) => ConsumedRecord | undefined,
    call: () => unknown,
  ): Promise<unknown> {
    let result: unknown;
    try {
      result = await this.api.context.with(context, call);
    } catch (error) {
      markFailed(this.api, span, error);
      this.hold(failedRecord(error), span, true);
      throw error;
    }
    if (this.info.isRouting(result)) this.hold(failedRecord(undefined), span, false);
    else span.end();
    return result;
  }

  private hold(record: ConsumedRecord | undefined, span: Span, errorRecorded: boolean): void {
    if (record === undefined || this.dispatching.has(record)) span.end();
    else this.failing.set(record, { span, errorRecorded });
  }
}
