import type { CLICK_TOPIC } from '@nest-kafka-kit/app-support';

/** A record of click_log, keyed by userId. */
export interface ClickValue {
  userId: string;
  page: string;
  referrer?: string;
  at: number;
}

/** What this app produces: topic -> value. */
export type ClickTopics = Record<typeof CLICK_TOPIC, ClickValue>;
