import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { KafkaProducer, type RecordMetadata } from 'nest-kafka-kit';
import { ClickDto } from './click.dto.js';
import type { ClickTopics } from './click-topics.js';

@Controller('clicks')
export class ClicksController {
  constructor(private readonly producer: KafkaProducer<ClickTopics>) {}

  /** Accepted once Kafka has the click (acks=all); the answer says where it landed. */
  @Post()
  @HttpCode(202)
  record(@Body() click: ClickDto): Promise<RecordMetadata> {
    return this.producer.send('click_log', { key: click.userId, value: { ...click, at: Date.now() } });
  }
}
