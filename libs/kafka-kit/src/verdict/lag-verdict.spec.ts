import { describe, expect, it } from 'vitest';
import type { GroupLag, PartitionLag } from '../lag/lag-sample.js';
import type { LivenessProblem } from './consumer-liveness.js';
import { lagVerdict } from './lag-verdict.js';

const partition = (
  n: number,
  status: PartitionLag['status'],
  lag: number | null,
  timeLag = 0,
): PartitionLag => ({
  topic: 't',
  partition: n,
  committedOffset: '1',
  logEndOffset: '2',
  oldestOffset: '0',
  lag,
  timeLagSeconds: timeLag,
  timeLagLowerBound: false,
  positionLag: null,
  owner: null,
  status,
  window: [],
  complete: 1,
  delayed: false,
});

const group = (partitions: PartitionLag[], over: Partial<GroupLag> = {}): GroupLag => ({
  groupId: 'g',
  sampledAt: 1,
  own: true,
  groupState: 'Stable',
  members: 1,
  status: 'OK',
  totalLag: 0,
  maxLag: null,
  maxTimeLagSeconds: null,
  unknownLagPartitions: 0,
  complete: 1,
  partitions,
  ...over,
});

describe('lagVerdict', () => {
  it('is up when every partition is OK and within the limits', () => {
    const verdict = lagVerdict([group([partition(0, 'OK', 3, 1)])], [], { maxLag: 10, maxTimeLagSeconds: 5 });
    expect(verdict.status).toBe('up');
    expect(verdict.groups[0]).toMatchObject({ status: 'OK', totalLag: 3, reasons: [] });
  });

  it('is degraded on WARN', () => {
    const verdict = lagVerdict([group([partition(0, 'WARN', 3)])], [], {});
    expect(verdict.status).toBe('degraded');
    expect(verdict.groups[0]!.status).toBe('WARN');
  });

  it.each(['STOP', 'STALL', 'REWIND'] as const)('is down when a partition is %s (group ERR)', (status) => {
    expect(lagVerdict([group([partition(0, 'OK', 0), partition(1, status, 9)])], [], {}).status).toBe('down');
  });

  it('is down over the lag limit or the time-lag limit, saying which partition', () => {
    const lagged = lagVerdict([group([partition(0, 'OK', 11)])], [], { maxLag: 10 });
    expect(lagged.status).toBe('down');
    expect(lagged.groups[0]!.reasons).toEqual([expect.stringContaining('t[0]')]);
    const late = lagVerdict([group([partition(0, 'OK', 1, 31)])], [], { maxTimeLagSeconds: 30 });
    expect(late.status).toBe('down');
    expect(late.groups[0]!.maxTimeLagSeconds).toBe(31);
  });

  it('marks a stopped partition STOP and a stuck one STALL before the window can tell', () => {
    const problems: LivenessProblem[] = [
      {
        groupId: 'g',
        reason: 'stopped-partition',
        kind: 'stop-on-error',
        topic: 't',
        partition: 0,
        offset: '1',
        error: 'e',
        since: 0,
      },
      { groupId: 'g', reason: 'stuck-handler', topic: 't', partition: 1, offset: '1', handlingForMs: 9000 },
      {
        groupId: 'other',
        reason: 'stuck-handler',
        topic: 't',
        partition: 2,
        offset: '1',
        handlingForMs: 9000,
      },
    ];
    const verdict = lagVerdict(
      [group([partition(0, 'OK', 1), partition(1, 'OK', 1), partition(2, 'OK', 1)])],
      problems,
      {},
    );
    expect(verdict.status).toBe('down');
    expect(verdict.groups[0]!.partitions.map((p) => [p.status, p.signal])).toEqual([
      ['STOP', 'stopped-partition'],
      ['STALL', 'stuck-handler'],
      ['OK', undefined],
    ]);
  });

  it('is degraded while the group rebalances, saying since when, with every partition as sampled', () => {
    const since = Date.UTC(2026, 11, 1, 12, 0, 0);
    const problems: LivenessProblem[] = [
      { groupId: 'g', reason: 'rebalancing', since, rebalancingForMs: 4000 },
    ];
    const verdict = lagVerdict([group([partition(0, 'OK', 1)])], problems, {});
    expect(verdict.status).toBe('degraded');
    expect(verdict.groups[0]).toMatchObject({ rebalancingSince: since, partitions: [{ status: 'OK' }] });
    expect(verdict.groups[0]!.reasons[0]).toMatch(/^rebalancing since 2026-12-01T12:00:00.000Z \(4 s\)/);
  });

  it('ignores consumer signals for groups of other apps', () => {
    const problems: LivenessProblem[] = [
      { groupId: 'g', reason: 'stuck-handler', topic: 't', partition: 0, offset: '1', handlingForMs: 9000 },
    ];
    expect(lagVerdict([group([partition(0, 'OK', 1)], { own: false })], problems, {}).status).toBe('up');
  });

  it('holds no limit against a topic whose records wait on purpose', () => {
    const held = { ...partition(0, 'OK', 500, 600), delayed: true };
    expect(lagVerdict([group([held])], [], { maxLag: 10, maxTimeLagSeconds: 60 }).status).toBe('up');
  });

  it('is degraded when a group could not be sampled', () => {
    const verdict = lagVerdict([group([partition(0, 'OK', 0)], { error: 'timeout' })], [], {});
    expect(verdict.status).toBe('degraded');
    expect(verdict.groups[0]!.reasons).toEqual([expect.stringContaining('timeout')]);
  });

  it('gives one status that carries the consumer facts, the window status beside it', () => {
    const since = Date.UTC(2026, 11, 1, 12, 0, 0);
    const rebalancing = (forMs: number): LivenessProblem => ({
      groupId: 'g',
      reason: 'rebalancing',
      since,
      rebalancingForMs: forMs,
    });
    const status = (problems: LivenessProblem[], over: Partial<GroupLag> = {}, limits = {}) => {
      const [g] = lagVerdict([group([partition(0, 'OK', 11)], over)], problems, {
        stuckRebalanceMs: 5000,
        ...limits,
      }).groups;
      return [g!.status, g!.windowStatus];
    };
    expect(status([])).toEqual(['OK', 'OK']);
    expect(status([rebalancing(1000)])).toEqual(['WARN', 'OK']);
    expect(status([rebalancing(5000)])).toEqual(['ERR', 'OK']);
    expect(status([{ groupId: 'g', reason: 'crashed', error: 'boom', since: null }])).toEqual(['ERR', 'OK']);
    expect(status([], { error: 'timeout' })).toEqual(['WARN', 'OK']);
    expect(status([], {}, { maxLag: 10 })).toEqual(['ERR', 'OK']);
    // Burrow's own ERR is never lowered by a milder fact.
    const stopped = lagVerdict([group([partition(0, 'STOP', 11)])], [rebalancing(1000)], {}).groups[0]!;
    expect(stopped.status).toBe('ERR');
  });
});
