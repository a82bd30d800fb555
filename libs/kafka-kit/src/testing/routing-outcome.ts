/** Where one input ended up, as the routing harness saw it. */
export type RoutingOutcome =
  /** The handler succeeded (on the main topic, attempt 0, or on retry `attempt`). */
  | {
      /** Handled. */
      kind: 'handled';
      /** 0 on the main topic, n on the n-th retry topic. */
      attempt: number;
    }
  /** Written to a retry topic, due at `dueAt` (epoch ms). */
  | {
      /** Sent to a retry topic. */
      kind: 'retried';
      /** The retry topic, e.g. `orders.retry.1`. */
      retryTopic: string;
      /** The attempt it will be there (1 on the first retry topic). */
      attempt: number;
      /** Epoch ms before which it is not delivered. */
      dueAt: number;
      /** The failure, as `Name: message`. */
      error: string;
    }
  /** Written to a retry topic without failing, behind an earlier record of its key. */
  | {
      /** Parked behind its key (ordered retry). */
      kind: 'parked';
      /** The retry topic it waits in. */
      retryTopic: string;
    }
  /** Written to the dead letter topic. */
  | {
      /** Sent to the DLQ. */
      kind: 'dead-lettered';
      /** The DLQ topic. */
      dlqTopic: string;
      /** The `x-dlq-reason` header (a FailureReason). */
      reason: string;
      /** The `x-dlq-attempts` header. */
      attempts: number;
      /** The failure, as `x-dlq-error-class: x-dlq-error-message`. */
      error: string;
    }
  /** The partition stopped at it (stop on error); nothing committed. */
  | {
      /** Stopped its partition. */
      kind: 'stopped';
      /** The failure, as `Name: message`. */
      error: string;
    }
  /** Logged and committed on purpose (skip strategy). */
  | {
      /** Skipped. */
      kind: 'skipped';
      /** The failure, as `Name: message`. */
      error: string;
    }
  /** Left uncommitted, the partition paused for a later try (a long blocking-retry back-off). */
  | {
      /** Delayed in place. */
      kind: 'delayed';
    };
