import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { ENROLLED_TOPIC, NOTIFIER_GROUP, notifyRetryDelays } from '../enrolled-names.js';
import { CourseDirectory } from './course-directory.service.js';
import { CourseWithoutTutorsError } from './course-without-tutors.error.js';
import { EnrolledEventDto } from './enrolled-event.dto.js';
import { MailGateway } from './mail-gateway.js';

/**
 * rt.enrolled -> a notification to each tutor of the course. A gateway outage is retried
 * through rt.enrolled.retry.1..3 (NOTIFY_RETRY_DELAYS_MS, default 1 s, 10 s, 1 min) while the
 * topic keeps flowing, then dead-lettered; a course without tutors, an invalid or a non-JSON
 * record goes to rt.enrolled.dlq at once, with the reason.
 */
@Injectable()
@KafkaConsumer({ groupId: NOTIFIER_GROUP, fromBeginning: true, concurrency: 3 })
export class TutorNotifierListener {
  constructor(
    private readonly courses: CourseDirectory,
    private readonly mail: MailGateway,
  ) {}

  @KafkaListener(ENROLLED_TOPIC, {
    topic: { partitions: 3 },
    errorHandling: { strategy: 'retry-topics', delaysMs: notifyRetryDelays() },
  })
  async onEnrolled(@Payload() event: EnrolledEventDto): Promise<void> {
    const tutors = await this.courses.tutorsOf(event.courseId);
    if (tutors.length === 0) throw new CourseWithoutTutorsError(event.courseId);
    const { enrollmentId, studentId, courseId } = event;
    // A retry after some tutors were notified sends to every tutor again: the gateway drops repeats.
    await Promise.all(
      tutors.map((tutorId) => this.mail.send({ tutorId, enrollmentId, studentId, courseId })),
    );
  }
}
