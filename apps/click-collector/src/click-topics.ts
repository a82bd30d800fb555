/** What this app produces: topic -> value. click_log is keyed by userId. */
export interface ClickTopics {
  click_log: { userId: string; page: string; referrer?: string; at: number };
}
