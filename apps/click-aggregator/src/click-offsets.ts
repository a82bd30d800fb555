import { appDatabase } from '@nest-kafka-kit/app-support';
import { PostgresOffsetStore } from 'nest-kafka-kit';

/**
 * The aggregator's offsets, in its database beside the counts (table kafka_offsets, created by
 * migration 001): each record's count and its partition's next offset commit together, and a
 * partition starts at its stored offset on every assignment.
 */
export const clickOffsets = new PostgresOffsetStore({ database: appDatabase, createTable: false });
