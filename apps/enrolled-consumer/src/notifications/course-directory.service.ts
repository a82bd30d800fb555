import { Injectable } from '@nestjs/common';
import { Database } from '@nest-kafka-kit/app-support';

/**
 * Tutors per course, from the course_tutors table (seeded by the first migration). It keeps
 * the incident's shape: course-draft has an empty tutor list.
 */
@Injectable()
export class CourseDirectory {
  constructor(private readonly db: Database) {}

  /** The tutors of each course asked for, in one query; an unknown course has none. */
  async tutorsOf(courseIds: readonly string[]): Promise<Map<string, string[]>> {
    const tutors = new Map(courseIds.map((id) => [id, [] as string[]]));
    const { rows } = await this.db.query<{ course_id: string; tutor_id: string }>(
      'SELECT course_id, tutor_id FROM course_tutors WHERE course_id = ANY($1::text[]) ORDER BY tutor_id',
      [[...tutors.keys()]],
    );
    for (const row of rows) tutors.get(row.course_id)!.push(row.tutor_id);
    return tutors;
  }
}
