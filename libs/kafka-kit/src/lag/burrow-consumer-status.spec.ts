import { describe, expect, it } from 'vitest';
import { toBurrowConsumerStatus } from './burrow-consumer-status.js';
import type { GroupLag, PartitionLag } from './lag-sample.js';

const partition = (n: number, status: PartitionLag['status'], lag: number | null): PartitionLag => ({
  topic: 't',
  partition: n,
  committedOffset: lag === null ? null : '10',
  logEndOffset: String(10 + (lag ?? 0)),
  oldestOffset: '0',
  lag,
  timeLagSeconds: null,
  timeLagLowerBound: false,
  positionLag: null,
  owner: null,
  status,
  window:
    lag === null
      ? []
      : [
          { offset: 5n, timestamp: 1000, lag: 3 },
          { offset: 10n, timestamp: 2000, lag },
        ],
  complete: 0.2,
  delayed: false,
});

const group: GroupLag = {
  groupId: 'g',
  sampledAt: 2000,
  own: false,
  groupState: 'Stable',
  members: 1,
  status: 'WARN',
  totalLag: 7,
  maxLag: partition(1, 'WARN', 7),
  maxTimeLagSeconds: null,
  unknownLagPartitions: 1,
  complete: 0.2,
  partitions: [partition(0, 'OK', 0), partition(1, 'WARN', 7), partition(2, 'OK', null)],
};

describe('toBurrowConsumerStatus', () => {
  it("renders Burrow's /status: only partitions that are not OK, with start and end commits", () => {
    const body = toBurrowConsumerStatus('g', group, { cluster: 'local' });
    expect(body).toMatchObject({
      error: false,
      status: {
        cluster: 'local',
        group: 'g',
        status: 'WARN',
        partition_count: 3,
        totallag: 7,
        complete: 0.2,
      },
      request: { url: '/v3/kafka/local/consumer/g/status' },
    });
    expect(body.status.partitions).toEqual([
      {
        topic: 't',
        partition: 1,
        owner: '',
        client_id: '',
        status: 'WARN',
        start: { offset: 5, timestamp: 1000, observedAt: 1000, lag: 3 },
        end: { offset: 10, timestamp: 2000, observedAt: 2000, lag: 7 },
        current_lag: 7,
        complete: 0.2,
      },
    ]);
    expect(body.status.maxlag?.partition).toBe(1);
  });

  it('names the owner as Burrow does: its host, and its client id', () => {
    const owned = {
      ...partition(1, 'WARN', 7),
      owner: { memberId: 'm-1', clientId: 'billing-1', host: '/10.0.0.7' },
    };
    const body = toBurrowConsumerStatus('g', { ...group, partitions: [owned] }, { cluster: 'local' });
    expect(body.status.partitions[0]).toMatchObject({ owner: '/10.0.0.7', client_id: 'billing-1' });
  });

  it("renders Burrow's /lag with every partition; unknown lag shows as 0 and no commits as null", () => {
    const body = toBurrowConsumerStatus('g', group, { cluster: 'local', allPartitions: true });
    expect(body.status.partitions.map((p) => [p.partition, p.current_lag, p.start])).toEqual([
      [0, 0, expect.any(Object)],
      [1, 7, expect.any(Object)],
      [2, 0, null],
    ]);
    expect(body.request.url).toBe('/v3/kafka/local/consumer/g/lag');
  });

  it("gives Burrow's not-found body for a group never sampled", () => {
    const body = toBurrowConsumerStatus('nope', undefined, { cluster: 'local' });
    expect(body).toMatchObject({ error: true, status: { status: 'NOTFOUND', partitions: [], maxlag: null } });
  });
});
