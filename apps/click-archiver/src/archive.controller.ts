import { Controller, Get } from '@nestjs/common';
import { RawClicksService } from './raw-clicks.service.js';

@Controller('archive')
export class ArchiveController {
  constructor(private readonly rawClicks: RawClicksService) {}

  /** How many clicks the archive holds. */
  @Get()
  async summary(): Promise<{ clicks: number }> {
    return { clicks: await this.rawClicks.count() };
  }
}
