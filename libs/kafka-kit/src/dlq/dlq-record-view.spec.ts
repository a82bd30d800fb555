import { describe, expect, it } from 'vitest';
import { deadLetterRecord } from '../failure-records/dead-letter-record.js';
import { failureOrigin } from '../failure-records/failure-headers.js';
import { toDlqRecordView } from './dlq-record-view.js';
import { replayRecord } from './replay-record.js';

const source = {
  key: Buffer.from('k'),
  value: Buffer.from('v'),
  timestamp: '5',
  offset: '9',
  headers: { t: 'x' },
};

function written(headerStyle: 'kit' | 'spring') {
  const out = deadLetterRecord({
    dlqTopic: 'orders.dlq',
    groupId: 'g',
    record: source,
    origin: failureOrigin('orders', 3, source, 1),
    error: new RangeError('r'),
    attempts: 2,
    reason: 'retries-exhausted',
    failedAt: 2,
    headerStyle,
    mirrorPartitions: true,
  });
  return {
    topic: 'orders.dlq',
    partition: 3,
    offset: '0',
    timestamp: '5',
    key: source.key,
    value: source.value,
    headers: out.headers,
  };
}

describe('toDlqRecordView', () => {
  it.each(['kit', 'spring'] as const)('reads the failure from %s headers', (style) => {
    const view = toDlqRecordView(written(style));
    expect(view.failure).toMatchObject({
      originalTopic: 'orders',
      originalPartition: 3,
      originalOffset: '9',
      consumerGroup: 'g',
      errorClass: 'RangeError',
      reason: 'retries-exhausted',
      attempts: 2,
    });
    expect(view.replayCount).toBe(0);
  });

  it('replays to the original topic and partition with a replay count, without failure headers', () => {
    const raw = written('kit');
    const out = replayRecord(raw, toDlqRecordView(raw), 7)!;
    expect(out).toMatchObject({ topic: 'orders', partition: 3, key: source.key, value: source.value });
    expect(out.headers).toEqual({
      t: 'x',
      'x-replay-count': '1',
      'x-replay-from': 'orders.dlq/3/0',
      'x-replay-at': '7',
    });
  });
});
