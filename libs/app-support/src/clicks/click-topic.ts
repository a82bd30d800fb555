import { kafkaName } from '../kafka-names.js';

/**
 * The click log: written by click-collector (keyed by userId), read by click-aggregator and
 * click-archiver, each in its own consumer group. KAFKA_NAME_PREFIX applies.
 */
export const CLICK_TOPIC = kafkaName('click_log');
