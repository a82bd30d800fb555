import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { KafkaProducer, type RecordMetadata } from 'nest-kafka-kit';
import { boundedSend, KafkaUnavailableException } from './bounded-send.js';
import type { ClickTopics } from './click-topics.js';
import { CLICK_TOPIC } from '@nest-kafka-kit/app-support';
import { parseClicks } from './clicks-body.js';

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

@Controller('clicks')
export class ClicksController {
  private readonly sendTimeoutMs: number;
  private readonly retryAfterSeconds: number;

  constructor(
    private readonly producer: KafkaProducer<ClickTopics>,
    config: ConfigService,
  ) {
    this.sendTimeoutMs = Number(config.get('SEND_TIMEOUT_MS', 5000));
    this.retryAfterSeconds = Number(config.get('RETRY_AFTER_SECONDS', 5));
  }

  /**
   * One click, or an array of up to 500: 202 once Kafka has them (acks=all), with where each
   * landed; 400 with the field errors; 503 with Retry-After when Kafka does not confirm within
   * SEND_TIMEOUT_MS.
   */
  @Post()
  @HttpCode(202)
  async record(
    @Body() body: unknown,
    @Res({ passthrough: true }) res: HeaderSink,
  ): Promise<RecordMetadata | { accepted: number; records: RecordMetadata[] }> {
    const { clicks, many } = await parseClicks(body);
    const at = Date.now();
    const messages = clicks.map((click) => ({ key: click.userId, value: { ...click, at } }));
    try {
      const records = await boundedSend(
        this.producer.send(CLICK_TOPIC, messages),
        this.sendTimeoutMs,
        this.retryAfterSeconds,
      );
      return many ? { accepted: records.length, records } : records[0]!;
    } catch (err) {
      if (err instanceof KafkaUnavailableException)
        res.setHeader('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
  }
}
