import { KafkaKitError } from './kafka-kit.error.js';

/** A group received records of a topic none of its listeners claims (a pattern matched too much). */
export class NoListenerForTopicError extends KafkaKitError {
  readonly retryable = false;

  constructor(
    readonly groupId: string,
    readonly topic: string,
  ) {
    super(`group ${groupId} received records of topic "${topic}" but no listener of it handles that topic`);
  }
}
