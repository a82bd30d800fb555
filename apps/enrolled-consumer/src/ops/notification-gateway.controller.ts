import { BadRequestException, Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { MailGateway, parseFailureRate } from '../notifications/mail-gateway.js';
import { OpsTokenGuard } from '../ops-token.guard.js';

/**
 * Takes the notification gateway down and up while the app runs (an outage drill, the demo):
 * `PUT /ops/notification-gateway {"failureRate": 1}` fails every send, `0` none. Behind the
 * OPS_TOKEN guard (header x-ops-token), like the operator endpoints.
 */
@Controller('ops/notification-gateway')
@UseGuards(OpsTokenGuard)
export class NotificationGatewayController {
  constructor(private readonly mail: MailGateway) {}

  @Get()
  get(): { failureRate: number } {
    return { failureRate: this.mail.failureRate };
  }

  @Put()
  set(@Body() body: { failureRate?: unknown }): { failureRate: number } {
    try {
      this.mail.failureRate = parseFailureRate(body?.failureRate);
    } catch (err) {
      throw new BadRequestException(`failureRate: ${(err as Error).message}`);
    }
    return { failureRate: this.mail.failureRate };
  }
}
