import { Controller, Get, Header, Res } from '@nestjs/common';
import { KafkaMetrics } from './kafka-metrics.service.js';

/** The response surface the metrics route needs; Express and Fastify replies both fit. */
interface TextReply {
  header(name: string, value: string): unknown;
  send(body: string): unknown;
}

/** GET /metrics: the Prometheus text exposition. */
@Controller('metrics')
export class KafkaMetricsController {
  constructor(private readonly metrics: KafkaMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() reply: TextReply): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    reply.header('Content-Type', contentType);
    reply.send(body);
  }
}
