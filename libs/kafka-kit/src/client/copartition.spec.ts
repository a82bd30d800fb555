import { describe, expect, it } from 'vitest';
import { copartition } from './copartition.js';

describe('copartition', () => {
  it('gives partition p of every topic to one member, spread over the members by id', () => {
    const counts = new Map([
      ['orders', 3],
      ['orders.retry.0', 3],
    ]);
    const byMember = copartition(['m-b', 'm-a'], counts);
    expect(byMember.get('m-a')).toEqual({ orders: [0, 2], 'orders.retry.0': [0, 2] });
    expect(byMember.get('m-b')).toEqual({ orders: [1], 'orders.retry.0': [1] });
  });
});
