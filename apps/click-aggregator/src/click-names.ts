import { kafkaName } from '@nest-kafka-kit/app-support';

/** The topic the collector writes and the aggregator's consumer group (KAFKA_NAME_PREFIX applies). */
export const CLICK_TOPIC = kafkaName('click_log');
export const AGGREGATOR_GROUP = kafkaName('click-aggregator');
