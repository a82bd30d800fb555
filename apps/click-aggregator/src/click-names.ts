import { kafkaName } from '@nest-kafka-kit/app-support';

/** The aggregator's consumer group (KAFKA_NAME_PREFIX applies). */
export const AGGREGATOR_GROUP = kafkaName('click-aggregator');
