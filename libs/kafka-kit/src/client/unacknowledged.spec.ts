import { describe, expect, it } from 'vitest';
import { unacknowledged } from './unacknowledged.js';

describe('unacknowledged', () => {
  it('keeps the messages of partitions without an answer, per topic, in order', () => {
    const sent = [
      {
        topic: 'a',
        messages: [
          { partition: 0, v: 1 },
          { partition: 1, v: 2 },
          { partition: 1, v: 3 },
        ],
      },
      { topic: 'b', messages: [{ partition: 1, v: 4 }] },
    ];
    const acked = [
      { topicName: 'a', partition: 0 },
      { topicName: 'b', partition: 1 },
    ];
    expect(unacknowledged(sent, acked)).toEqual([
      {
        topic: 'a',
        messages: [
          { partition: 1, v: 2 },
          { partition: 1, v: 3 },
        ],
      },
    ]);
  });

  it('is empty when every partition answered', () => {
    const sent = [{ topic: 'a', messages: [{ partition: 2 }] }];
    expect(unacknowledged(sent, [{ topicName: 'a', partition: 2 }])).toEqual([]);
  });
});
