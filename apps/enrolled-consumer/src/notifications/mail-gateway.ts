import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Database } from '@nest-kafka-kit/app-support';
import { GatewayUnavailableError } from './gateway-unavailable.error.js';

export interface TutorNotification {
  tutorId: string;
  enrollmentId: string;
  studentId: string;
  courseId: string;
}

/** NOTIFICATION_FAILURE_RATE: a number in [0, 1]; anything else stops the start with its value. */
export function parseFailureRate(value: unknown): number {
  const rate = typeof value === 'number' ? value : Number(value);
  if (value === '' || value === null || !Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new RangeError(`failure rate must be a number from 0 to 1, got ${JSON.stringify(value)}`);
  return rate;
}

/**
 * Where tutor notifications go: the stand-in for a mail or push service records each one in the
 * notifications table (GET /notifications shows them). It fails a share of sends, as a flaky
 * provider would: NOTIFICATION_FAILURE_RATE at start (default 0), changed at runtime through
 * PUT /ops/notification-gateway. Idempotent per (enrollment, tutor): a redelivered record, or a
 * retry after a partial failure, never notifies a tutor twice.
 */
@Injectable()
export class MailGateway {
  private rate: number;

  constructor(
    private readonly db: Database,
    config: ConfigService,
  ) {
    this.rate = parseFailureRate(config.get('NOTIFICATION_FAILURE_RATE', '0'));
  }

  get failureRate(): number {
    return this.rate;
  }

  set failureRate(rate: number) {
    this.rate = parseFailureRate(rate);
  }

  /**
   * Sends `notifications` in order, recorded in one statement. The gateway refuses each one with
   * the failure rate: the ones before the first refused are recorded, and the error's `index`
   * says which was refused, so a batch of records fails at the right one.
   */
  async send(notifications: readonly TutorNotification[]): Promise<void> {
    const refused = this.rate > 0 ? notifications.findIndex(() => Math.random() < this.rate) : -1;
    await this.record(refused < 0 ? notifications : notifications.slice(0, refused));
    if (refused >= 0) throw new GatewayUnavailableError(notifications[refused]!.tutorId, refused);
  }

  /** Records notifications in one statement; a (enrollment, tutor) already recorded is left alone. */
  protected async record(notifications: readonly TutorNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    const column = (field: keyof TutorNotification) => notifications.map((n) => n[field]);
    await this.db.query(
      `INSERT INTO notifications (enrollment_id, tutor_id, student_id, course_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT (enrollment_id, tutor_id) DO NOTHING`,
      [column('enrollmentId'), column('tutorId'), column('studentId'), column('courseId')],
    );
  }

  /** The most recent notifications, newest first (`enrollmentId` narrows to one enrollment). */
  async list(enrollmentId?: string, limit = 1000): Promise<TutorNotification[]> {
    const { rows } = await this.db.query<TutorNotification>(
      `SELECT enrollment_id AS "enrollmentId", tutor_id AS "tutorId", student_id AS "studentId",
              course_id AS "courseId"
         FROM notifications WHERE $1::text IS NULL OR enrollment_id = $1
        ORDER BY sent_at DESC, tutor_id LIMIT $2`,
      [enrollmentId ?? null, limit],
    );
    return rows;
  }

  /** Notifications delivered, each (enrollment, tutor) once (the demo compares it with what it sent). */
  async count(): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>('SELECT count(*) AS n FROM notifications');
    return Number(rows[0]!.n);
  }
}
