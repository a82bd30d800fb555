import { Injectable } from '@nestjs/common';
import { CLICK_TOPIC, ClickEventDto, type Queryable } from '@nest-kafka-kit/app-support';
import { Ctx, KafkaConsumer, KafkaContext, KafkaListener, Payload } from 'nest-kafka-kit';
import { ClickCountsService } from './click-counts.service.js';
import { AGGREGATOR_GROUP } from './click-names.js';
import { clickOffsets } from './click-offsets.js';

/**
 * One member of the click-aggregator group: run several instances and Kafka splits click_log's
 * partitions between them (at most one instance per partition, so partitions cap the group's
 * parallelism). Exactly once whatever crashes: the offset store keeps each partition's offset
 * in the counts' transaction, so a record redelivered after a crash or a rebalance is skipped.
 */
@Injectable()
@KafkaConsumer({ groupId: AGGREGATOR_GROUP, fromBeginning: true, concurrency: 3 })
export class ClickListener {
  constructor(private readonly counts: ClickCountsService) {}

  // An invalid record is dead-lettered with the reason (its offset stored once the DLQ has it).
  @KafkaListener(CLICK_TOPIC, {
    topic: { partitions: 3 },
    offsetStore: clickOffsets,
    errorHandling: { strategy: 'dead-letter' },
  })
  async onClick(@Payload() click: ClickEventDto, @Ctx() ctx: KafkaContext): Promise<void> {
    await this.counts.add(ctx.transaction<Queryable>(), click);
  }
}
