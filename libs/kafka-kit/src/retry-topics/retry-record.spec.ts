import { describe, expect, it } from 'vitest';
import { failureOrigin } from '../failure-records/failure-headers.js';
import { retryRecord } from './retry-record.js';
import { failedRecord as record } from '../failure-records/failed-record.fixture.js';

describe('retryRecord', () => {
  it('reports the main topic coordinates of a record that failed again in a retry topic', () => {
    const retried = retryRecord({
      retryTopic: 'orders.retry.1',
      record,
      origin: failureOrigin('orders', 2, record, 5),
      attempt: 1,
      dueAt: 10,
      error: new Error('x'),
      parked: false,
    });
    const origin = failureOrigin(
      'orders.retry.1',
      2,
      { ...record, offset: '3', headers: retried.headers },
      99,
    );
    expect(origin).toMatchObject({
      topic: 'orders',
      partition: 2,
      offset: '41',
      previousAttempts: 1,
      firstFailedAt: 5,
    });
  });
});
