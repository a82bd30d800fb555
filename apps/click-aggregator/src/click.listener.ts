import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { ClickCountsService } from './click-counts.service.js';
import { ClickEventDto } from './click-event.dto.js';

@Injectable()
@KafkaConsumer({ groupId: 'click-aggregator', fromBeginning: true, concurrency: 3 })
export class ClickListener {
  constructor(private readonly counts: ClickCountsService) {}

  // An invalid record is dead-lettered with the reason instead of stopping the partition.
  @KafkaListener('click_log', { topic: { partitions: 3 }, errorHandling: { strategy: 'dead-letter' } })
  async onClick(@Payload() click: ClickEventDto): Promise<void> {
    this.counts.add(click.page);
  }
}
