import { Injectable } from '@nestjs/common';
import { BatchListenerFailedError, KafkaConsumer, KafkaListener, Payload } from 'nest-kafka-kit';
import { ENROLLED_TOPIC, NOTIFIER_GROUP, notifyRetryDelays } from '../enrolled-names.js';
import { CourseDirectory } from './course-directory.service.js';
import { CourseWithoutTutorsError } from './course-without-tutors.error.js';
import { EnrolledEventDto } from './enrolled-event.dto.js';
import { GatewayUnavailableError } from './gateway-unavailable.error.js';
import { MailGateway, type TutorNotification } from './mail-gateway.js';

/**
 * The failure of the record at `index` of a batch. At index 0 the error itself: the retry
 * consumer hands a batch listener one record at a time, and what it retries or dead-letters
 * should carry the record's own error class, not the wrapper's.
 */
const failedAt = (index: number, error: Error): Error =>
  index === 0 ? error : new BatchListenerFailedError(index, error);

/**
 * rt.enrolled -> a notification to each tutor of the course. A gateway outage is retried
 * through rt.enrolled.retry.1..3 (NOTIFY_RETRY_DELAYS_MS, default 1 s, 10 s, 1 min) while the
 * topic keeps flowing, then dead-lettered; a course without tutors, an invalid or a non-JSON
 * record goes to rt.enrolled.dlq at once, with the reason. A batch listener: one tutor query
 * and one insert per fetched batch, not per record, so the database (one PGlite server for
 * every app in the demo) keeps up with the topic. At-least-once as before: the records before a
 * failed one are committed, the failed one goes to its strategy, the rest come again.
 */
@Injectable()
@KafkaConsumer({ groupId: NOTIFIER_GROUP, fromBeginning: true, concurrency: 3 })
export class TutorNotifierListener {
  constructor(
    private readonly courses: CourseDirectory,
    private readonly mail: MailGateway,
  ) {}

  @KafkaListener(ENROLLED_TOPIC, {
    batch: true,
    topic: { partitions: 3 },
    errorHandling: { strategy: 'retry-topics', delaysMs: notifyRetryDelays() },
  })
  async onEnrolled(@Payload(EnrolledEventDto) events: EnrolledEventDto[]): Promise<void> {
    const tutors = await this.courses.tutorsOf(events.map((e) => e.courseId));
    const untutored = events.findIndex((e) => tutors.get(e.courseId)!.length === 0);
    const notified = untutored < 0 ? events : events.slice(0, untutored);
    const notifications: TutorNotification[] = [];
    const recordOf: number[] = []; // the record (its index in the batch) of each notification
    for (const [index, { enrollmentId, studentId, courseId }] of notified.entries())
      for (const tutorId of tutors.get(courseId)!) {
        notifications.push({ tutorId, enrollmentId, studentId, courseId });
        recordOf.push(index);
      }
    // A retry after some tutors were notified sends to every tutor again: the gateway drops repeats.
    try {
      await this.mail.send(notifications);
    } catch (error) {
      if (error instanceof GatewayUnavailableError) throw failedAt(recordOf[error.index]!, error);
      throw error;
    }
    if (untutored >= 0) throw failedAt(untutored, new CourseWithoutTutorsError(events[untutored]!.courseId));
  }
}
