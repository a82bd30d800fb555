import { Controller, Get, Query } from '@nestjs/common';
import { MailGateway } from './mail-gateway.js';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly mail: MailGateway) {}

  /** The latest 1000 notifications, or those of `?enrollmentId=`. */
  @Get()
  list(@Query('enrollmentId') enrollmentId?: string) {
    return this.mail.list(enrollmentId || undefined);
  }

  /** How many notifications went out, each (enrollment, tutor) once (the demo compares it with what it sent). */
  @Get('count')
  async count(): Promise<{ delivered: number }> {
    return { delivered: await this.mail.count() };
  }
}
