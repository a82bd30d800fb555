import { SetMetadata } from '@nestjs/common';
import { KAFKA_LISTENER_METADATA } from '../../kafka.constants.js';
import type { KafkaListenerOptions } from '../../interfaces/consumer-options.interface.js';

export interface KafkaListenerMetadata {
  topics: (string | RegExp)[];
  options: KafkaListenerOptions;
}

/**
 * Makes the method handle records of `topics` (a name, a RegExp, or a list of them).
 * The method's class must carry `@KafkaConsumer`.
 */
export const KafkaListener = (
  topics: string | RegExp | (string | RegExp)[],
  options: KafkaListenerOptions = {},
): MethodDecorator =>
  SetMetadata<string, KafkaListenerMetadata>(KAFKA_LISTENER_METADATA, {
    topics: Array.isArray(topics) ? topics : [topics],
    options,
  });
