import type { CanActivate, Type } from '@nestjs/common';

/** Injection token of the resolved {@link KafkaDashboardModuleOptions}. */
export const KAFKA_DASHBOARD_OPTIONS = Symbol('nest-kafka-kit:dashboard-options');

/** Options of `KafkaDashboardModule.forRoot()`. */
export interface KafkaDashboardModuleOptions {
  /**
   * Where the dashboard is mounted (its pages, events and assets live below it).
   * @default 'kafka/dashboard'
   */
  path?: string;
  /**
   * The app's guard. Every page, event stream and asset sits behind it; with it the dashboard
   * also offers actions (retry, skip, replay), each carrying a CSRF token. Without it the
   * dashboard is read-only: no action is mounted at all.
   * @default undefined (read-only, unguarded)
   */
  guard?: Type<CanActivate> | CanActivate;
  /**
   * Milliseconds between pushes to open pages. Pushes read in-process state only, so more
   * tabs cost no broker requests.
   * @default 1000
   */
  pushIntervalMs?: number;
  /**
   * How much lag history the charts show, in milliseconds.
   * @default 900000 (15 minutes)
   */
  historyMs?: number;
  /**
   * Milliseconds between looks at the DLQ and retry topics (offsets, and the head record of a
   * retry partition with records waiting). One look serves every viewer.
   * @default 10000
   */
  failureTopicsIntervalMs?: number;
  /**
   * Which topics are dead letter queues.
   * @default names ending in `.dlq`, the library's default naming
   */
  isDlqTopic?: (topic: string) => boolean;
  /**
   * Which topics are retry topics.
   * @default names like `<topic>.retry.<n>`, the library's default naming
   */
  isRetryTopic?: (topic: string) => boolean;
  /**
   * Records per page in the DLQ browser.
   * @default 20
   */
  dlqPageSize?: number;
}

export type ResolvedDashboardOptions = Required<Omit<KafkaDashboardModuleOptions, 'guard'>> & {
  guarded: boolean;
};

export function resolveDashboardOptions(options: KafkaDashboardModuleOptions): ResolvedDashboardOptions {
  return {
    path: (options.path ?? 'kafka/dashboard').replace(/^\/+|\/+$/g, ''),
    guarded: options.guard !== undefined,
    pushIntervalMs: options.pushIntervalMs ?? 1000,
    historyMs: options.historyMs ?? 15 * 60_000,
    failureTopicsIntervalMs: options.failureTopicsIntervalMs ?? 10_000,
    isDlqTopic: options.isDlqTopic ?? ((t) => t.endsWith('.dlq')),
    isRetryTopic: options.isRetryTopic ?? ((t) => /\.retry\.\d+$/.test(t)),
    dlqPageSize: options.dlqPageSize ?? 20,
  };
}
