import { BadRequestException, Body, Controller, Put, UseGuards } from '@nestjs/common';
import { OpsTokenGuard } from '../ops-token.guard.js';
import { MailGateway } from './mail-gateway.js';

/** PUT /ops/notification-gateway {"failureRate": 0..1}, behind OPS_TOKEN: takes the gateway down (1) and up (0). */
@Controller('ops/notification-gateway')
@UseGuards(OpsTokenGuard)
export class GatewayOpsController {
  constructor(private readonly mail: MailGateway) {}

  @Put()
  set(@Body() body: { failureRate?: unknown }): { failureRate: number } {
    const rate = body?.failureRate;
    if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
      throw new BadRequestException('failureRate must be a number from 0 to 1');
    this.mail.failureRate = rate;
    return { failureRate: rate };
  }
}
