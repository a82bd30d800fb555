/** A topic the application needs; created at startup when missing. */
export interface TopicDeclaration {
  /** The topic name. */
  topic: string;
  /** @default 1 */
  partitions?: number;
  /** @default the broker's default.replication.factor */
  replicationFactor?: number;
  /** `retention.ms`; -1 keeps records forever. */
  retentionMs?: number;
  /** `cleanup.policy` */
  cleanupPolicy?: 'delete' | 'compact' | 'compact,delete';
  /** Any other topic config, e.g. `{ 'min.insync.replicas': '2' }`. */
  configs?: Record<string, string>;
}
