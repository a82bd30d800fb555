import { kafkaName } from '@nest-kafka-kit/app-support';

/** Where the clicks go (KAFKA_NAME_PREFIX applies). */
export const CLICK_TOPIC = kafkaName('click_log');
