import { Injectable } from '@nestjs/common';
import { GatewayUnavailableError } from './gateway-unavailable.error.js';

export interface TutorNotification {
  tutorId: string;
  enrollmentId: string;
  studentId: string;
  courseId: string;
}

/** The stand-in keeps this many recent notifications: memory stays flat however long it runs. */
const KEPT = 1000;

/** The share of sends that fail, 0..1: NOTIFICATION_FAILURE_RATE at start (default 0), then PUT /ops/notification-gateway. */
function failureRateFromEnv(): number {
  const rate = Number(process.env.NOTIFICATION_FAILURE_RATE ?? 0);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`NOTIFICATION_FAILURE_RATE must be 0..1, got ${rate}`);
  return rate;
}

/**
 * Where tutor notifications go. The default keeps the most recent ones in memory (GET
 * /notifications shows them); a deployment binds its mail or push service to this token. Sends
 * are idempotent per (enrollment, tutor): a redelivered record, or a retry after a partial
 * failure, never notifies a tutor twice (within the kept window, for this stand-in). A failure
 * rate stands in for an outage of the real gateway (the demo takes it down and up).
 */
@Injectable()
export class MailGateway {
  private readonly sent = new Map<string, TutorNotification>();
  private delivered = 0;
  private rate = failureRateFromEnv();

  async send(notification: TutorNotification): Promise<void> {
    if (this.rate > 0 && Math.random() < this.rate) throw new GatewayUnavailableError(notification.tutorId);
    const key = `${notification.enrollmentId}:${notification.tutorId}`;
    if (!this.sent.has(key)) this.delivered++;
    this.sent.set(key, notification);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.sent.size > KEPT) this.sent.delete(this.sent.keys().next().value!);
  }

  list(): TutorNotification[] {
    return [...this.sent.values()];
  }

  /** Notifications delivered since start, each (enrollment, tutor) once. */
  count(): number {
    return this.delivered;
  }

  get failureRate(): number {
    return this.rate;
  }

  set failureRate(rate: number) {
    this.rate = rate;
  }
}
