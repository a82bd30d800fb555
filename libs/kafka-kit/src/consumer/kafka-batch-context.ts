import type { KafkaContext } from './kafka-context.js';

/** `@Ctx()` of a batch listener: the batch's partition and one KafkaContext per record. */
export class KafkaBatchContext {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly records: readonly KafkaContext[],
  ) {}

  /** Aborted when the listener's `handlerTimeoutMs` passes; see KafkaContext.signal. */
  get signal(): AbortSignal {
    return this.records[0]!.signal;
  }

  /** @internal */
  abort(reason: Error): void {
    this.records[0]!.abort(reason);
  }

  heartbeat(): Promise<void> {
    return this.records[0]!.heartbeat();
  }
}
