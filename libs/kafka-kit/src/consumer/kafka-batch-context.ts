import type { KafkaContext } from './kafka-context.js';

/** `@Ctx()` of a batch listener: the batch's partition and one KafkaContext per record. */
export class KafkaBatchContext {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly records: readonly KafkaContext[],
  ) {}

  heartbeat(): Promise<void> {
    return this.records[0]!.heartbeat();
  }
}
