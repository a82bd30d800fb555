import { KafkaKitError } from 'nest-kafka-kit';

/**
 * The incident's record: a course nobody tutors. Retrying cannot help (the catalogue is fixed by
 * a person), so it is non-retryable and goes to the DLQ at once instead of stalling a partition.
 */
export class CourseWithoutTutorsError extends KafkaKitError {
  readonly retryable = false;

  constructor(readonly courseId: string) {
    super(`course ${courseId} has no tutors to notify`);
  }
}
