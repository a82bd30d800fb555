/**
 * A topic or consumer group name with KAFKA_NAME_PREFIX (default: none) in front, read when the
 * app's modules load: environments, or test runs, that share one cluster keep apart by prefix
 * (`staging.click_log`, `staging.click-aggregator`).
 */
export function kafkaName(name: string, env: { KAFKA_NAME_PREFIX?: string } = process.env): string {
  return `${env.KAFKA_NAME_PREFIX ?? ''}${name}`;
}
