import { SetMetadata } from '@nestjs/common';
import { KAFKA_CONSUMER_METADATA } from '../../kafka.constants.js';
import type { KafkaConsumerOptions } from '../../interfaces/consumer-options.interface.js';

/** Marks a provider whose `@KafkaListener` methods consume as one consumer group. */
export const KafkaConsumer = (options: KafkaConsumerOptions): ClassDecorator =>
  SetMetadata(KAFKA_CONSUMER_METADATA, options);
