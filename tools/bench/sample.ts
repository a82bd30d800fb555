// What one run of one contender measured.

export interface Sample {
  records: number;
  /** Wall-clock time of the timed window. */
  ms: number;
  /** CPU time (user + system) of the process under test in that window. */
  cpuMs: number;
  /**
   * End-to-end latencies, for the latency scenario, with the 99th percentile of the event loop's
   * delay meanwhile: on a shared machine a p99 that follows it is the machine's, not the path's.
   */
  latencyMs?: { p50: number; p99: number; max: number; loopDelayP99: number };
  /** The latency scenario's split of each record's latency (see scenarios/latency.ts). */
  latencyParts?: LatencyParts;
}

/** Percentiles of the parts of each record's end-to-end latency, in milliseconds. */
export interface LatencyParts {
  /** From send() to the broker appending the record: the linger and the produce request. */
  appended: { p50: number; p99: number };
  /** From the append to the handler: fetch wait, the batch ahead of it, decoding. */
  delivered: { p50: number; p99: number };
  /** From send() to its acknowledgement. */
  acknowledged: { p50: number; p99: number };
  /** Share of the records at or above the p99 that were in flight during a machine stall. */
  tailInStalls: number;
  /** The same share for the records below the p99: what chance alone would give. */
  restInStalls: number;
}

/** A contender this build or machine cannot run, and why (reported instead of failing the bench). */
export interface Unavailable {
  unavailable: string;
}

export type Outcome = Sample | Unavailable;

export interface Contender {
  name: string;
  run(): Promise<Outcome>;
}

export const isUnavailable = (o: Outcome): o is Unavailable => 'unavailable' in o;
