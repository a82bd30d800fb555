import { Injectable } from '@nestjs/common';

/**
 * Tutors per course. A stand-in for the course service a real deployment would call; it keeps
 * the incident's shape: a course whose tutor list is empty.
 */
@Injectable()
export class CourseDirectory {
  private readonly tutors = new Map<string, readonly string[]>([
    ['course-typescript', ['tutor-ada', 'tutor-linus']],
    ['course-kafka', ['tutor-jay']],
    ['course-draft', []],
  ]);

  /** The course's tutors; an unknown course has none. */
  tutorsOf(courseId: string): readonly string[] {
    return this.tutors.get(courseId) ?? [];
  }
}
