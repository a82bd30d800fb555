import { Injectable } from '@nestjs/common';
import { Database } from '@nest-kafka-kit/app-support';

/**
 * Tutors per course, from the course_tutors table (seeded by the first migration). It keeps
 * the incident's shape: course-draft has an empty tutor list.
 */
@Injectable()
export class CourseDirectory {
  constructor(private readonly db: Database) {}

  /** The course's tutors; an unknown course has none. */
  async tutorsOf(courseId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ tutor_id: string }>(
      'SELECT tutor_id FROM course_tutors WHERE course_id = $1 ORDER BY tutor_id',
      [courseId],
    );
    return rows.map((r) => r.tutor_id);
  }
}
