import { Injectable } from '@nestjs/common';
import { CLICK_TOPIC, ClickEventDto, kafkaName } from '@nest-kafka-kit/app-support';
import { Ctx, KafkaBatchContext, KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { RawClicksService } from './raw-clicks.service.js';

/**
 * A second consumer group on click_log (pub/sub across groups): it reads every click,
 * independently of click-aggregator, and appends each fetched batch to raw_clicks at once.
 */
@Injectable()
@KafkaConsumer({ groupId: kafkaName('click-archiver'), fromBeginning: true, concurrency: 3 })
export class ClickArchiverListener {
  constructor(private readonly rawClicks: RawClicksService) {}

  // A record that is not a click is dead-lettered with the reason; the batch around it is archived.
  @KafkaListener(CLICK_TOPIC, {
    batch: true,
    topic: { partitions: 3 },
    errorHandling: { strategy: 'dead-letter' },
  })
  async onClicks(
    @Payload(ClickEventDto) clicks: ClickEventDto[],
    @Ctx() batch: KafkaBatchContext,
  ): Promise<void> {
    const offsets = batch.records.map((r) => r.offset);
    await this.rawClicks.append(batch.topic, batch.partition, offsets, clicks);
  }
}
