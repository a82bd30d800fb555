import { Controller, Get } from '@nestjs/common';
import { ClickCountsService } from './click-counts.service.js';

@Controller('stats')
export class StatsController {
  constructor(private readonly counts: ClickCountsService) {}

  @Get()
  stats() {
    return this.counts.snapshot();
  }
}
