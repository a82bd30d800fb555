import { describe, expect, it } from 'vitest';
import { deadLetterRecord } from './dead-letter-record.js';
import { failureOrigin } from './failure-headers.js';
import { failedRecord as record } from './failed-record.fixture.js';

describe('deadLetterRecord', () => {
  const base = {
    dlqTopic: 'orders.dlq',
    groupId: 'g',
    record,
    origin: failureOrigin('orders', 2, record, 5),
    error: new TypeError('bad'),
    attempts: 1,
    reason: 'failed' as const,
    failedAt: 7,
    mirrorPartitions: true,
  };

  it('keeps key, value and user headers, replaces stale failure headers, mirrors the partition', () => {
    const out = deadLetterRecord({ ...base, headerStyle: 'kit' });
    expect(out.key).toBe(record.key);
    expect(out.value).toBe(record.value);
    expect(out.partition).toBe(2);
    expect(out.headers).toMatchObject({
      trace: Buffer.from('t1'),
      'x-dlq-reason': 'failed',
      'x-dlq-original-topic': 'orders',
      'x-dlq-original-partition': '2',
      'x-dlq-original-offset': '41',
      'x-dlq-error-class': 'TypeError',
      'x-dlq-first-failed-at': '5',
      'x-dlq-failed-at': '7',
    });
  });

  it('writes Spring Kafka names with its binary encodings', () => {
    const h = deadLetterRecord({ ...base, headerStyle: 'spring' }).headers!;
    expect((h['kafka_dlt-original-partition'] as Buffer).readInt32BE()).toBe(2);
    expect((h['kafka_dlt-original-offset'] as Buffer).readBigInt64BE()).toBe(41n);
    expect(h['kafka_dlt-original-topic']).toBe('orders');
    expect(h).not.toHaveProperty('x-dlq-original-topic');
  });
});
