import { describe, expect, it } from 'vitest';
import {
  GROUP_LAG_STATUSES,
  PARTITION_LAG_STATUSES,
  groupStatusSeverity,
  partitionStatusSeverity,
  toGroupStatus,
  worsePartitionStatus,
} from './lag-status.js';

describe('lag statuses', () => {
  it("uses Burrow's numeric severities", () => {
    expect(PARTITION_LAG_STATUSES.map(partitionStatusSeverity)).toEqual([1, 2, 4, 5, 6]);
    expect(GROUP_LAG_STATUSES.map(groupStatusSeverity)).toEqual([0, 1, 2, 3]);
  });

  it('picks the worse of two partition statuses', () => {
    expect(worsePartitionStatus('OK', 'WARN')).toBe('WARN');
    expect(worsePartitionStatus('REWIND', 'STOP')).toBe('REWIND');
    expect(worsePartitionStatus('STALL', 'STALL')).toBe('STALL');
  });

  it.each([
    ['OK', 'OK'],
    ['WARN', 'WARN'],
    ['STOP', 'ERR'],
    ['STALL', 'ERR'],
    ['REWIND', 'ERR'],
  ] as const)('reports a %s partition as %s on its group', (partition, group) => {
    expect(toGroupStatus(partition)).toBe(group);
  });
});
