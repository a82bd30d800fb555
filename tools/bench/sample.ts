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
