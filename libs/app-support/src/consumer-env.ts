/**
 * Consumer timing from the environment, for every app's `consumerDefaults`:
 * KAFKA_SESSION_TIMEOUT_MS (default 30000) is how long a member killed without leaving (kill -9,
 * a lost node) keeps its partitions before the group gives them to the others; the heartbeat
 * interval follows it (a third of it, at most 3000 ms) as Kafka recommends.
 */
export function consumerDefaultsFromEnv(env: { KAFKA_SESSION_TIMEOUT_MS?: string } = process.env): {
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
} {
  const sessionTimeoutMs = Number(env.KAFKA_SESSION_TIMEOUT_MS ?? 30_000);
  return { sessionTimeoutMs, heartbeatIntervalMs: Math.min(3000, Math.floor(sessionTimeoutMs / 3)) };
}
