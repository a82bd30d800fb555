/** What the broker's authorizer refused: `operation` on a group or on topics. */
export interface DeniedAccess {
  /** Whether the group or the topics were refused. */
  resource: 'group' | 'topic';
  /** The group id, or the topics the consumer reads (the broker does not say which one). */
  names: string[];
  /** The operation refused (the consumer only needs READ). */
  operation: 'READ';
  /** Kafka's error code name, e.g. GROUP_AUTHORIZATION_FAILED. */
  code: string;
  /** `User:<SASL username>`, or undefined without SASL. Never a credential. */
  principal?: string;
}
