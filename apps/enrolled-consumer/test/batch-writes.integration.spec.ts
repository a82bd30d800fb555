// The app's writes per fetched batch, on the databases the app runs on: a real PostgreSQL server
// and PGlite. Statements are counted by a pass-through Database in front of the real one.
import { ConfigService } from '@nestjs/config';
import {
  Database,
  migrate,
  openDatabase,
  type Queryable,
  type QueryResult,
} from '@nest-kafka-kit/app-support';
import { BatchListenerFailedError } from 'nest-kafka-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueName } from '../../../tools/test/helpers.js';
import { freshDatabase } from '../../../tools/test/postgres.js';
import { CourseDirectory } from '../src/notifications/course-directory.service.js';
import { CourseWithoutTutorsError } from '../src/notifications/course-without-tutors.error.js';
import type { EnrolledEventDto } from '../src/notifications/enrolled-event.dto.js';
import { GatewayUnavailableError } from '../src/notifications/gateway-unavailable.error.js';
import { MailGateway } from '../src/notifications/mail-gateway.js';
import { TutorNotifierListener } from '../src/notifications/tutor-notifier.listener.js';
import type { EnrollmentChangeDto } from '../src/read-model/enrollment-change.dto.js';
import { EnrollmentsReadModel } from '../src/read-model/enrollments-read-model.service.js';

/** Counts the statements and transactions that reach `db`, and passes them on. */
class CountingDatabase extends Database {
  statements = 0;
  transactions = 0;
  get engine() {
    return this.db.engine;
  }
  constructor(private readonly db: Database) {
    super();
  }
  query<R>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    this.statements++;
    return this.db.query<R>(sql, params);
  }
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    this.transactions++;
    return this.db.transaction((tx) =>
      work({
        query: (sql, params) => {
          this.statements++;
          return tx.query(sql, params);
        },
      }),
    );
  }
  close() {
    return this.db.close();
  }
}

const databases: [string, () => Promise<Database>][] = [
  [
    'PostgreSQL',
    async () => openDatabase('enrolled-consumer', { DATABASE_URL: await freshDatabase('batch') }),
  ],
  [
    'PGlite served over the PostgreSQL protocol',
    () => openDatabase('enrolled-consumer', { PGLITE_DIR: 'memory://' }),
  ],
];

describe.each(databases)('enrolled-consumer writes per batch on %s', (_, open) => {
  let real: Database;
  let db: CountingDatabase;
  const mail = () => new MailGateway(db, new ConfigService({ NOTIFICATION_FAILURE_RATE: '0' }));
  const notifiedOf = async (ids: string[]) =>
    (
      await real.query<{ enrollment_id: string }>(
        'SELECT DISTINCT enrollment_id FROM notifications WHERE enrollment_id = ANY($1::text[])',
        [ids],
      )
    ).rows.map((r) => r.enrollment_id);

  beforeAll(async () => {
    real = await open();
    await migrate(real, 'enrolled-consumer', new URL('../migrations/', import.meta.url));
    db = new CountingDatabase(real);
  }, 60_000);
  afterAll(() => real?.close());

  it('notifies a batch in one tutor query and one insert, and fails it at its untutored record with those before it notified', async () => {
    const id = uniqueName('enr');
    const event = (i: number, courseId: string): EnrolledEventDto => ({
      enrollmentId: `${id}-${i}`,
      studentId: `student-${i}`,
      courseId,
      enrolledAt: Date.now(),
    });
    const courses = ['course-kafka', 'course-typescript'];
    const events = Array.from({ length: 200 }, (_, i) =>
      event(i, i === 150 ? 'course-draft' : courses[i % 2]!),
    );
    const listener = new TutorNotifierListener(new CourseDirectory(db), mail());
    db.statements = 0;

    const failure = await listener.onEnrolled(events).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(BatchListenerFailedError);
    expect((failure as BatchListenerFailedError).index).toBe(150);
    expect((failure as Error).cause).toBeInstanceOf(CourseWithoutTutorsError);
    expect(db.statements).toBe(2);
    expect((await notifiedOf(events.map((e) => e.enrollmentId))).length).toBe(150);
  });

  it('on a gateway refusal, records what came before it and fails the batch at the refused record', async () => {
    const id = uniqueName('enr');
    const events = Array.from({ length: 50 }, (_, i) => ({
      enrollmentId: `${id}-${i}`,
      studentId: 's',
      courseId: 'course-kafka',
      enrolledAt: 0,
    }));
    const gateway = mail();
    const refuseAt = 20; // course-kafka has one tutor: notification 20 is record 20's
    const send = gateway.send.bind(gateway);
    gateway.send = async (notifications) => {
      await send(notifications.slice(0, refuseAt));
      throw new GatewayUnavailableError(notifications[refuseAt]!.tutorId, refuseAt);
    };
    const failure = await new TutorNotifierListener(new CourseDirectory(db), gateway)
      .onEnrolled(events)
      .catch((e: unknown) => e);
    expect((failure as BatchListenerFailedError).index).toBe(refuseAt);
    expect((failure as Error).cause).toBeInstanceOf(GatewayUnavailableError);
    expect((await notifiedOf(events.map((e) => e.enrollmentId))).length).toBe(refuseAt);

    // The first record refused fails with its own error (a retry consumer's batch of one).
    gateway.send = () => Promise.reject(new GatewayUnavailableError('tutor-jay', 0));
    const first = await new TutorNotifierListener(new CourseDirectory(db), gateway)
      .onEnrolled(events.slice(refuseAt))
      .catch((e: unknown) => e);
    expect(first).toBeInstanceOf(GatewayUnavailableError);
  });

  it("applies a batch of changes in one transaction, each enrollment's last change winning, and again to the same state", async () => {
    const id = uniqueName('cdc');
    const change = (op: 'c' | 'u' | 'd', n: string, status: 'active' | 'completed' = 'active') =>
      ({
        op,
        enrollmentId: `${id}-${n}`,
        studentId: 's',
        courseId: 'course-kafka',
        status,
      }) as EnrollmentChangeDto;
    const batch = [
      change('c', 'a'),
      change('u', 'a', 'completed'),
      change('c', 'b'),
      change('d', 'b'),
      change('d', 'c'),
      change('c', 'c'),
    ];
    const readModel = new EnrollmentsReadModel(db);
    const state = async () =>
      Object.fromEntries(
        await Promise.all(['a', 'b', 'c'].map(async (n) => [n, (await readModel.get(`${id}-${n}`))?.status])),
      );
    db.statements = db.transactions = 0;
    await readModel.apply(batch);
    expect({ statements: db.statements, transactions: db.transactions }).toEqual({
      statements: 2,
      transactions: 1,
    });
    expect(await state()).toEqual({ a: 'completed', b: undefined, c: 'active' });
    // A redelivery after a crash changes nothing.
    await readModel.apply(batch);
    expect(await state()).toEqual({ a: 'completed', b: undefined, c: 'active' });
  });
});
