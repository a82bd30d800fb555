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

  async apply(change: EnrollmentChangeDto): Promise<void> {
    if (change.op === 'd') {
      await this.db.query('DELETE FROM enrollments WHERE enrollment_id = $1', [change.enrollmentId]);
      return;
    }
    // Validation guarantees studentId, courseId and status for c and u.
    await this.db.query(
      `INSERT INTO enrollments (enrollment_id, student_id, course_id, status) VALUES ($1, $2, $3, $4)
       ON CONFLICT (enrollment_id) DO UPDATE
         SET student_id = EXCLUDED.student_id, course_id = EXCLUDED.course_id,
             status = EXCLUDED.status, updated_at = now()`,
      [change.enrollmentId, change.studentId, change.courseId, change.status],
    );
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
