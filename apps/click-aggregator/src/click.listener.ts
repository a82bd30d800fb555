import { Injectable } from '@nestjs/common';
import { Ctx, KafkaConsumer, KafkaContext, KafkaListener, Payload } from 'nest-kafka-kit';
import { ClickCountsService } from './click-counts.service.js';
import { CLICK_TOPIC, ClickEventDto } from '@nest-kafka-kit/app-support';
import { AGGREGATOR_GROUP } from './click-names.js';

/**
 * One member of the click-aggregator group: run several instances and Kafka splits click_log's
 * partitions between them (at most one instance per partition, so partitions cap the group's
 * parallelism). The counts are exact whatever crashes: see ClickCountsService.
 */
@Injectable()
@KafkaConsumer({ groupId: AGGREGATOR_GROUP, fromBeginning: true, concurrency: 3 })
export class ClickListener {
  constructor(private readonly counts: ClickCountsService) {}

  // An invalid record is dead-lettered with the reason instead of stopping the partition.
  @KafkaListener(CLICK_TOPIC, { topic: { partitions: 3 }, errorHandling: { strategy: 'dead-letter' } })
  async onClick(@Payload() click: ClickEventDto, @Ctx() ctx: KafkaContext): Promise<void> {
    await this.counts.add(AGGREGATOR_GROUP, click, ctx);
  }
}
