-- The tutor directory: who tutors which course. A course with no row here has no tutors (the
-- incident's shape: course-draft).
CREATE TABLE courses (
  course_id text PRIMARY KEY,
  title text NOT NULL
);
CREATE TABLE course_tutors (
  course_id text NOT NULL REFERENCES courses (course_id),
  tutor_id text NOT NULL,
  PRIMARY KEY (course_id, tutor_id)
);
INSERT INTO courses (course_id, title) VALUES
  ('course-typescript', 'TypeScript'),
  ('course-kafka', 'Kafka'),
  ('course-nestjs', 'NestJS'),
  ('course-draft', 'A draft nobody tutors yet');
INSERT INTO course_tutors (course_id, tutor_id) VALUES
  ('course-typescript', 'tutor-ada'),
  ('course-typescript', 'tutor-linus'),
  ('course-kafka', 'tutor-jay'),
  ('course-nestjs', 'tutor-ada'),
  ('course-nestjs', 'tutor-grace'),
  ('course-nestjs', 'tutor-kamil');

-- Notifications sent, one per (enrollment, tutor) whatever is redelivered or retried.
CREATE TABLE notifications (
  enrollment_id text NOT NULL,
  tutor_id text NOT NULL,
  student_id text NOT NULL,
  course_id text NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (enrollment_id, tutor_id)
);
CREATE INDEX notifications_sent_at ON notifications (sent_at);

-- The CDC read model of cdc.enrollments: each row as its last change left it.
CREATE TABLE enrollments (
  enrollment_id text PRIMARY KEY,
  student_id text NOT NULL,
  course_id text NOT NULL,
  status text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
