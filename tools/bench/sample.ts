// What one run of one contender measured.

export interface Sample {
  records: number;
  /** Wall-clock time of the timed window. */
  ms: number;
  /** CPU time (user + system) of the process under test in that window. */
  cpuMs: number;
  /** End-to-end latencies, for the latency scenario. */
  latencyMs?: { p50: number; p99: number; max: number };
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
