import { Injectable } from '@nestjs/common';

export interface TutorNotification {
  tutorId: string;
  enrollmentId: string;
  studentId: string;
  courseId: string;
}

/**
 * Where tutor notifications go. The default keeps them in memory (GET /notifications shows
 * them); a deployment binds its mail or push service to this token. Sends are idempotent per
 * (enrollment, tutor): a redelivered record, or a retry after a partial failure, never notifies
 * a tutor twice.
 */
@Injectable()
export class MailGateway {
  private readonly sent = new Map<string, TutorNotification>();

  async send(notification: TutorNotification): Promise<void> {
    this.sent.set(`${notification.enrollmentId}:${notification.tutorId}`, notification);
  }

  list(): TutorNotification[] {
    return [...this.sent.values()];
  }
}
