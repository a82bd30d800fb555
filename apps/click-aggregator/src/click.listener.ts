import { Injectable } from '@nestjs/common';
import { CLICK_TOPIC, ClickEventDto, type Queryable } from '@nest-kafka-kit/app-support';
import { Ctx, KafkaBatchContext, KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { ClickCountsService } from './click-counts.service.js';
import { AGGREGATOR_GROUP } from './click-names.js';
import { clickOffsets } from './click-offsets.js';

/**
 * One member of the click-aggregator group: run several instances and Kafka splits click_log's
 * partitions between them (at most one instance per partition, so partitions cap the group's
 * parallelism). Exactly once whatever crashes: the offset store keeps each partition's offset
 * in the counts' transaction, so a record redelivered after a crash or a rebalance is skipped.
 * A batch listener: one transaction per fetched batch, not per click, so a database that runs
 * one transaction at a time (the PGlite server) keeps up with the click rate.
 */
@Injectable()
@KafkaConsumer({ groupId: AGGREGATOR_GROUP, fromBeginning: true, concurrency: 3 })
export class ClickListener {
  constructor(private readonly counts: ClickCountsService) {}

  // An invalid record is dead-lettered with the reason (its offset stored once the DLQ has it);
  // the clicks around it are counted in batches of their own. A database error (a lost
  // connection, a serialization failure) is retried first: its transaction rolled back, the
  // batch is counted again, and only a failure that outlasts the retries reaches the DLQ.
  @KafkaListener(CLICK_TOPIC, {
    batch: true,
    topic: { partitions: 3 },
    offsetStore: clickOffsets,
    errorHandling: { strategy: 'blocking-retry', attempts: 5, then: { strategy: 'dead-letter' } },
  })
  async onClicks(
    @Payload(ClickEventDto) clicks: ClickEventDto[],
    @Ctx() batch: KafkaBatchContext,
  ): Promise<void> {
    await this.counts.add(batch.transaction<Queryable>(), clicks);
  }
}
