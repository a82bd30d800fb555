/** Where one input ended up, as the routing harness saw it. */
export type RoutingOutcome =
  /** The handler succeeded (on the main topic, attempt 0, or on retry `attempt`). */
  | { kind: 'handled'; attempt: number }
  /** Written to a retry topic, due at `dueAt` (epoch ms). */
  | { kind: 'retried'; retryTopic: string; attempt: number; dueAt: number; error: string }
  /** Written to a retry topic without failing, behind an earlier record of its key. */
  | { kind: 'parked'; retryTopic: string }
  /** Written to the dead letter topic. */
  | { kind: 'dead-lettered'; dlqTopic: string; reason: string; attempts: number; error: string }
  /** The partition stopped at it (stop on error); nothing committed. */
  | { kind: 'stopped'; error: string }
  /** Logged and committed on purpose (skip strategy). */
  | { kind: 'skipped'; error: string }
  /** Left uncommitted, the partition paused for a later try (a long blocking-retry back-off). */
  | { kind: 'delayed' };
