import type {
  Admission,
  ErrorStrategy,
  FailureVerdict,
  GatedRecord,
  ListenerFailure,
  RetryPath,
} from './error-strategy.js';
import { failureOrigin, retryDueAt, type FailureOrigin } from '../failure-records/failure-headers.js';
import { failureReason } from '../failure-records/failure-reason.js';
import type { FailureWriter } from './failure-writer.js';
import { orderKey, type OrderedRetryState } from '../retry-topics/ordered-retry-state.js';
import { retryRecord } from '../retry-topics/retry-record.js';
import { RoutedByHandlerError } from '../errors/routed-by-handler.error.js';
import { retryTopicName, retryTopicNames } from '../failure-records/topic-names.js';

export interface RetryTopicsSettings {
  /** Delay of each retry topic; its length is the number of retries. */
  delaysMs: number[];
  retryTopicSuffix: string;
  /** The retry consumer's group id is the main group's plus this (unordered only). */
  retryGroupSuffix: string;
}

/**
 * Non-blocking retry: a failed record goes to `<topic>.retry.<n>` with its due time and the
 * partition goes on at once. The retry consumer hands it to the same listener when due; after
 * the last retry topic, the DLQ. With `ordered` state, later records of a key in retry are
 * parked behind it (through the same retry topics), so per-key order holds.
 */
export class RetryTopicsStrategy implements ErrorStrategy {
  readonly name = 'retry-topics';
  /** Ordered retry updates parked keys in record order, so it writes one failure at a time. */
  readonly pipelined: boolean;
  readonly retryPath: RetryPath;

  constructor(
    private readonly writer: FailureWriter,
    private readonly settings: RetryTopicsSettings,
    private readonly isRetryable: (error: unknown) => boolean,
    private readonly deadLetter: ErrorStrategy,
    private readonly ordered?: OrderedRetryState,
  ) {
    this.pipelined = ordered === undefined;
    this.retryPath = {
      ordered: ordered !== undefined,
      groupId: (main) => (ordered ? main : main + settings.retryGroupSuffix),
      topics: (source) => this.retryTopics(source),
      admitRetry: (gated) => this.admitRetry(gated),
      retried: ordered ? (gated) => this.retried(gated) : undefined,
      mainGate: ordered
        ? { admit: (gated) => this.admitMain(gated), assignmentChanged: () => ordered.reset() }
        : undefined,
    };
  }

  private retryTopics(sourceTopic: string): string[] {
    return retryTopicNames(sourceTopic, this.settings.delaysMs.length, this.settings.retryTopicSuffix);
  }

  topicsFor(sourceTopic: string): string[] {
    return [...this.retryTopics(sourceTopic), ...(this.deadLetter.topicsFor?.(sourceTopic) ?? [])];
  }

  async handle(failure: ListenerFailure): Promise<FailureVerdict> {
    const { error } = failure;
    const now = Date.now();
    const origin = failureOrigin(failure.topic, failure.partition, failure.record, now);
    const retryable = this.isRetryable(error);
    const attempt = origin.previousAttempts + 1;
    const key = this.ordered && orderKey(failure.record.key);
    const queues = key ? await this.ordered!.of(origin.topic, origin.partition) : undefined;
    if (!retryable || attempt > this.settings.delaysMs.length) {
      const reason = failureReason(error, retryable, retryable);
      const verdict = await this.deadLetter.handle({ ...failure, outcome: { reason, attempts: attempt } });
      // Out of the path: the records of its key parked behind it may go.
      if (verdict === 'dead-lettered') queues?.remove(origin.partition, key!, origin.offset);
      return verdict;
    }
    const delay =
      (error instanceof RoutedByHandlerError ? error.routing.delayMs : undefined) ??
      this.settings.delaysMs[attempt - 1]!;
    const written = await this.forward(
      failure,
      origin,
      attempt,
      now + delay,
      error,
      false,
      failure.failedSpanId,
    );
    if (written) queues?.add(origin.partition, key!, origin.offset);
    return written ? 'retry-scheduled' : 'interrupted';
  }

  /** Main-topic gate of an ordered listener: a key with a record in retry parks this one too. */
  private async admitMain(gated: GatedRecord): Promise<Admission> {
    const key = orderKey(gated.record.key);
    if (key === undefined) return 'handle';
    const { topic, partition } = gated;
    const queues = this.ordered!.peek(topic, partition) ?? (await this.ordered!.of(topic, partition));
    if (!queues.has(gated.partition, key)) return 'handle';
    const origin = failureOrigin(topic, partition, gated.record, Date.now());
    if (!(await this.forward(gated, origin, 1, Date.now(), undefined, true))) return 'wait';
    queues.add(gated.partition, key, gated.record.offset);
    return 'done';
  }

  /**
   * Retry-topic gate: never before the due time; with order kept, a record whose key has an
   * earlier record further along the path follows it to the next retry topic.
   */
  private async admitRetry(gated: GatedRecord): Promise<Admission> {
    const due = retryDueAt(gated.record);
    if (due > Date.now()) {
      gated.control.pauseUntil(due);
      return 'wait';
    }
    const key = this.ordered && orderKey(gated.record.key);
    if (!key) return 'handle';
    const origin = failureOrigin(gated.topic, gated.partition, gated.record, Date.now());
    const queues = await this.ordered!.of(origin.topic, origin.partition);
    const next = origin.previousAttempts + 1;
    if (queues.isHead(origin.partition, key, origin.offset) || next > this.settings.delaysMs.length)
      return 'handle';
    return (await this.forward(gated, origin, next, Date.now(), undefined, true)) ? 'done' : 'wait';
  }

  /** A retried record succeeded: it leaves the path, and its key's next record may go. */
  private async retried(gated: GatedRecord): Promise<void> {
    const key = this.ordered && orderKey(gated.record.key);
    if (!key) return;
    const origin = failureOrigin(gated.topic, gated.partition, gated.record, Date.now());
    (await this.ordered!.of(origin.topic, origin.partition)).remove(origin.partition, key, origin.offset);
  }

  // Takes the origin its caller parsed: a retry record's headers are read once per decision.
  private forward(
    gated: GatedRecord,
    origin: FailureOrigin,
    attempt: number,
    dueAt: number,
    error: unknown,
    parked: boolean,
    failedSpanId?: string,
  ): Promise<boolean> {
    const record = retryRecord({
      retryTopic: retryTopicName(origin.topic, attempt, this.settings.retryTopicSuffix),
      record: gated.record,
      origin,
      attempt,
      dueAt,
      error,
      parked,
      failedSpanId,
    });
    return this.writer.write([record], gated);
  }
}
