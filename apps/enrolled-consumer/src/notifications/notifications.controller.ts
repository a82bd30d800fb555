import { Controller, Get } from '@nestjs/common';
import { MailGateway } from './mail-gateway.js';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly mail: MailGateway) {}

  @Get()
  list() {
    return this.mail.list();
  }
}
