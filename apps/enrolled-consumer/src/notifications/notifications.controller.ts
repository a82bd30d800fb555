import { Controller, Get } from '@nestjs/common';
import { MailGateway } from './mail-gateway.js';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly mail: MailGateway) {}

  @Get()
  list() {
    return this.mail.list();
  }

  /** How many notifications went out since start (the demo compares it with what it sent). */
  @Get('count')
  count(): { delivered: number } {
    return { delivered: this.mail.count() };
  }
}
