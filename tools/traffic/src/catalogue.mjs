// What the traffic knows of the example apps' world: pages, users, and the tutors of each course
// as enrolled-consumer's course directory holds them (the oracle for "notifications sent").

export const PAGES = ['/', '/pricing', '/docs', '/docs/kafka', '/blog', '/signup', '/courses'];
export const USERS = 500;

/** Courses and their tutors. course-draft is the incident's course: nobody tutors it. */
export const TUTORS = {
  'course-typescript': ['tutor-ada', 'tutor-linus'],
  'course-kafka': ['tutor-jay'],
  'course-draft': [],
};

export const TAUGHT_COURSES = Object.keys(TUTORS).filter((c) => TUTORS[c].length > 0);
export const STATUSES = ['active', 'completed', 'cancelled'];

/** Topics the apps read (as they name them). */
export const TOPICS = { clicks: 'click_log', enrolled: 'rt.enrolled', cdc: 'cdc.enrollments' };
