// The records the traffic sends: valid ones the apps handle, and poison of each kind with where
// it must end up. Numbered, so every run is the same for the same counts.
import { PAGES, STATUSES, TAUGHT_COURSES, TOPICS, TUTORS, USERS } from './catalogue.mjs';

export const click = (n) => ({
  userId: `user-${n % USERS}`,
  page: PAGES[n % PAGES.length],
  ...(n % 3 === 0 ? { referrer: 'https://search.example/' } : {}),
});

export function enrollment(n, courseId = TAUGHT_COURSES[n % TAUGHT_COURSES.length]) {
  const value = {
    enrollmentId: `enr-${n}`,
    studentId: `student-${n % 997}`,
    courseId,
    enrolledAt: Date.now(),
  };
  return { topic: TOPICS.enrolled, key: value.enrollmentId, value, tutors: TUTORS[courseId].length };
}

export function cdcChange(n, status = STATUSES[n % STATUSES.length]) {
  const enrollmentId = `enr-${n % 211}`;
  const value = {
    op: n % 5 === 0 ? 'c' : 'u',
    enrollmentId,
    studentId: `student-${n % 997}`,
    courseId: 'course-kafka',
    status,
  };
  return { topic: TOPICS.cdc, key: enrollmentId, value };
}

/**
 * Poison that must land in a DLQ, by kind: each names its topic and the reason the consumer
 * gives. (A CDC change with an unknown status is not here: it stops its partition instead.)
 */
export const DLQ_POISON = {
  'click-not-json': (n) => ({
    topic: TOPICS.clicks,
    key: `user-${n % USERS}`,
    value: `{"userId": "user-${n}", "page": `,
  }),
  'click-invalid': (n) => ({
    topic: TOPICS.clicks,
    key: `user-${n % USERS}`,
    value: { page: 42, at: 'yesterday' },
  }),
  'enrollment-not-json': (n) => ({ topic: TOPICS.enrolled, key: `enr-poison-${n}`, value: 'enrolled!' }),
  'enrollment-invalid': (n) => ({
    topic: TOPICS.enrolled,
    key: `enr-poison-${n}`,
    value: { enrollmentId: '', courseId: 7 },
  }),
  'enrollment-no-tutors': (n) => ({ ...enrollment(n, 'course-draft'), key: `enr-poison-${n}` }),
};

/** The CDC change the read model cannot apply: a status this code does not know yet. */
export const cdcUnknownStatus = (n) => cdcChange(n, 'transferred');
