import type { ConsumedRecord } from '../client/consumer-client.js';

/** A record whose processing failed, with everything a strategy needs to decide. */
export interface ListenerFailure {
  groupId: string;
  topic: string;
  partition: number;
  record: ConsumedRecord;
  error: unknown;
  /** The listener, as `Class.method`. */
  listener: string;
}

/**
 * What became of a failed record. `recorded`: the failure is durably kept elsewhere, so the
 * offset may be committed. `stop`: the partition stops here; the offset is not committed.
 */
export type FailureVerdict = 'recorded' | 'stop';

/** Decides what happens to a record whose handler threw or whose payload was unusable. */
export interface ErrorStrategy {
  readonly name: string;
  handle(failure: ListenerFailure): Promise<FailureVerdict>;
}
