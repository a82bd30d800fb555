import { Injectable } from '@nestjs/common';
import { Database } from '@nest-kafka-kit/app-support';
import type { EnrollmentChangeDto, EnrollmentStatus } from './enrollment-change.dto.js';

export interface Enrollment {
  enrollmentId: string;
  studentId: string;
  courseId: string;
  status: EnrollmentStatus;
}

/**
 * Enrollments as cdc.enrollments describes them, in the enrollments table. Each change writes
 * the row's whole state, so applying a change again (a redelivery after a crash) changes nothing.
 */
@Injectable()
export class EnrollmentsReadModel {
  constructor(private readonly db: Database) {}

  /**
   * Applies a partition's changes, in order, in one transaction: a delete and an upsert
   * statement whatever the batch size. Only each enrollment's last change counts, as each
   * change carries the row's whole state.
   */
  async apply(changes: readonly EnrollmentChangeDto[]): Promise<void> {
    const last = new Map(changes.map((change) => [change.enrollmentId, change]));
    const deleted = [...last.values()].filter((c) => c.op === 'd').map((c) => c.enrollmentId);
    const upserted = [...last.values()].filter((c) => c.op !== 'd');
    // Validation guarantees studentId, courseId and status for c and u.
    const column = (field: 'enrollmentId' | 'studentId' | 'courseId' | 'status') =>
      upserted.map((c) => c[field]);
    await this.db.transaction(async (tx) => {
      if (deleted.length > 0)
        await tx.query('DELETE FROM enrollments WHERE enrollment_id = ANY($1::text[])', [deleted]);
      if (upserted.length > 0)
        await tx.query(
          `INSERT INTO enrollments (enrollment_id, student_id, course_id, status)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
           ON CONFLICT (enrollment_id) DO UPDATE
             SET student_id = EXCLUDED.student_id, course_id = EXCLUDED.course_id,
                 status = EXCLUDED.status, updated_at = now()`,
          [column('enrollmentId'), column('studentId'), column('courseId'), column('status')],
        );
    });
  }

  async get(enrollmentId: string): Promise<Enrollment | undefined> {
    const { rows } = await this.db.query<Enrollment>(
      `SELECT enrollment_id AS "enrollmentId", student_id AS "studentId", course_id AS "courseId", status
         FROM enrollments WHERE enrollment_id = $1`,
      [enrollmentId],
    );
    return rows[0];
  }
}
