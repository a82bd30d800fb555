import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer.js';

describe('RingBuffer', () => {
  it('keeps items oldest first until full', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.toArray()).toEqual([]);
    expect(ring.newest()).toBeUndefined();
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect(ring.size).toBe(2);
    expect(ring.newest()).toBe(2);
  });

  it('drops the oldest item when full', () => {
    const ring = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.size).toBe(3);
    expect(ring.newest()).toBe(7);
  });

  it('replaces the newest item in place, or pushes when empty', () => {
    const ring = new RingBuffer<number>(2);
    ring.replaceNewest(1);
    expect(ring.toArray()).toEqual([1]);
    ring.push(2);
    ring.push(3);
    ring.replaceNewest(9);
    expect(ring.toArray()).toEqual([2, 9]);
  });

  it.each([0, -1, 1.5])('rejects capacity %d', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });
});
