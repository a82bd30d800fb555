import { describe, expect, it } from 'vitest';
import { evaluateGroup, type PartitionLagReport } from './group-evaluator.js';
import type { PartitionLagStatus } from './lag-status.js';

const report = (partition: number, status: PartitionLagStatus, lag: number | null): PartitionLagReport => ({
  topic: 'orders',
  partition,
  status,
  lag,
});

describe('evaluateGroup', () => {
  it('is NOTFOUND when the group does not exist', () => {
    expect(evaluateGroup(undefined)).toEqual({
      status: 'NOTFOUND',
      totalLag: 0,
      maxLag: null,
      unknownLagPartitions: 0,
      partitions: [],
    });
  });

  it('is OK for an existing group with no partitions', () => {
    expect(evaluateGroup([]).status).toBe('OK');
  });

  it.each<[PartitionLagStatus[], string]>([
    [['OK', 'OK'], 'OK'],
    [['OK', 'WARN'], 'WARN'],
    [['WARN', 'STOP', 'OK'], 'ERR'],
    [['STALL'], 'ERR'],
    [['OK', 'REWIND', 'WARN'], 'ERR'],
  ])('reports partitions %j as %s', (statuses, expected) => {
    expect(evaluateGroup(statuses.map((status, i) => report(i, status, 1))).status).toBe(expected);
  });

  it("gives Burrow's maxlag and totallag, leaving unknown lags out", () => {
    const partitions = [
      report(0, 'OK', 10),
      report(1, 'WARN', 250),
      report(2, 'OK', null),
      report(3, 'OK', 40),
    ];
    const result = evaluateGroup(partitions);
    expect(result.totalLag).toBe(300);
    expect(result.maxLag).toBe(partitions[1]);
    expect(result.unknownLagPartitions).toBe(1);
    expect(result.partitions).toBe(partitions);
  });
});
