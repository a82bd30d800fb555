import { Injectable } from '@nestjs/common';
import type { EnrollmentChangeDto, EnrollmentStatus } from './enrollment-change.dto.js';

export interface Enrollment {
  enrollmentId: string;
  studentId: string;
  courseId: string;
  status: EnrollmentStatus;
}

/** Enrollments as cdc.enrollments describes them, in memory: the example's read model. */
@Injectable()
export class EnrollmentsReadModel {
  private readonly rows = new Map<string, Enrollment>();

  apply(change: EnrollmentChangeDto): void {
    if (change.op === 'd') {
      this.rows.delete(change.enrollmentId);
      return;
    }
    const { enrollmentId, studentId, courseId, status } = change;
    // Validation guarantees these for c and u.
    this.rows.set(enrollmentId, {
      enrollmentId,
      studentId: studentId!,
      courseId: courseId!,
      status: status!,
    });
  }

  get(enrollmentId: string): Enrollment | undefined {
    return this.rows.get(enrollmentId);
  }
}
