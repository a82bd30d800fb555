/**
 * Consumer timing from the environment, for every app's `consumerDefaults`:
 * KAFKA_SESSION_TIMEOUT_MS is how long a member killed without leaving (kill -9, a lost node)
 * keeps its partitions before the group gives them to the others; the heartbeat interval follows
 * it (a third of it, at most 3000 ms) as Kafka recommends. Unset, neither is set: the library's
 * defaults apply (30000 and 3000), and under KIP-848 the broker's group configs are left alone.
 */
export function consumerDefaultsFromEnv(env: { KAFKA_SESSION_TIMEOUT_MS?: string } = process.env): {
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
} {
  if (env.KAFKA_SESSION_TIMEOUT_MS === undefined) return {};
  const sessionTimeoutMs = Number(env.KAFKA_SESSION_TIMEOUT_MS);
  return { sessionTimeoutMs, heartbeatIntervalMs: Math.min(3000, Math.floor(sessionTimeoutMs / 3)) };
}
