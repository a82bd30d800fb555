import { Injectable } from '@nestjs/common';

export interface TutorNotification {
  tutorId: string;
  enrollmentId: string;
  studentId: string;
  courseId: string;
}

/** The stand-in keeps this many recent notifications: memory stays flat however long it runs. */
const KEPT = 1000;

/**
 * Where tutor notifications go. The default keeps the most recent ones in memory (GET
 * /notifications shows them); a deployment binds its mail or push service to this token. Sends
 * are idempotent per (enrollment, tutor): a redelivered record, or a retry after a partial
 * failure, never notifies a tutor twice (within the kept window, for this stand-in).
 */
@Injectable()
export class MailGateway {
  private readonly sent = new Map<string, TutorNotification>();

  async send(notification: TutorNotification): Promise<void> {
    this.sent.set(`${notification.enrollmentId}:${notification.tutorId}`, notification);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.sent.size > KEPT) this.sent.delete(this.sent.keys().next().value!);
  }

  list(): TutorNotification[] {
    return [...this.sent.values()];
  }
}
