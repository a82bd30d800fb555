import { KafkaKitError } from './kafka-kit.error.js';

/** A tool (DLQ stats, browse, replay) was pointed at a topic the cluster does not have. */
export class UnknownTopicError extends KafkaKitError {
  /** Always `false`: the name is wrong or the topic was never created. */
  readonly retryable = false;

  /** @param topic The topic that was asked for. */
  constructor(readonly topic: string) {
    super(
      `topic ${topic} does not exist (a listener creates its DLQ and retry topics when it starts: check the name)`,
    );
  }
}
