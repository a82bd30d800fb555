import { describe, expect, it } from 'vitest';
import { KeyQueues } from './key-queues.js';

describe('KeyQueues', () => {
  it('lets only the earliest in-path record of a key through, per partition', () => {
    const q = new KeyQueues();
    q.add(0, 'k', '10');
    q.add(0, 'k', '12');
    expect(q.has(0, 'k')).toBe(true);
    expect(q.has(1, 'k')).toBe(false);
    expect(q.isHead(0, 'k', '10')).toBe(true);
    expect(q.isHead(0, 'k', '12')).toBe(false);
    expect(q.isHead(0, 'other', '11')).toBe(true);
    q.remove(0, 'k', '10');
    expect(q.isHead(0, 'k', '12')).toBe(true);
    q.remove(0, 'k', '12');
    expect(q.has(0, 'k')).toBe(false);
  });

  it('keeps offsets sorted and unique whatever the order they are rebuilt in', () => {
    const q = new KeyQueues();
    for (const o of ['30', '10', '20', '10']) q.add(2, 'k', o);
    expect(q.snapshot()).toEqual({ 2: { k: ['10', '20', '30'] } });
    q.clear(2);
    expect(q.snapshot()).toEqual({});
  });
});
