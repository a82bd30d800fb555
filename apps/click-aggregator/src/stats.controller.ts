import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ClickCountsService, type ClickStats } from './click-counts.service.js';

/** An ISO 8601 time or epoch milliseconds; undefined when absent. */
function parseTime(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const time = new Date(/^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(time.getTime()))
    throw new BadRequestException(`${name}: "${value}" is not an ISO 8601 time or epoch milliseconds`);
  return time;
}

@Controller('stats')
export class StatsController {
  constructor(private readonly counts: ClickCountsService) {}

  /** Clicks per page and per minute window; `from` (inclusive) and `to` (exclusive) are optional. */
  @Get()
  stats(@Query('from') from?: string, @Query('to') to?: string): Promise<ClickStats> {
    return this.counts.stats(parseTime('from', from), parseTime('to', to));
  }
}
