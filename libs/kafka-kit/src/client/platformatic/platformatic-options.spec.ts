import { describe, expect, it } from 'vitest';
import { copartitionedAssigner } from './copartitioned-assigner.js';
import { groupOptions, toBaseOptions } from './platformatic-options.js';

const timing = { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 1000 };

describe('groupOptions', () => {
  it('keeps ordered retry co-partitioned under KIP-848 with the broker-side range assignor', () => {
    expect(groupOptions({ groupProtocol: 'consumer', copartitioned: true, ...timing })).toEqual({
      groupProtocol: 'consumer',
      groupRemoteAssignor: 'range',
    });
    expect(groupOptions({ groupProtocol: 'consumer', ...timing })).toEqual({ groupProtocol: 'consumer' });
  });

  it('uses the library co-partitioning assignor and the client timing under the classic protocol', () => {
    expect(groupOptions({ groupProtocol: 'classic', copartitioned: true, ...timing })).toEqual({
      groupProtocol: 'classic',
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      partitionAssigner: copartitionedAssigner,
    });
  });
});

describe('copartitionedAssigner', () => {
  it('gives partition p of the main and retry topics to one member', () => {
    const members = new Map([
      ['b', { memberId: 'b' }],
      ['a', { memberId: 'a' }],
    ]);
    const metadata = {
      topics: new Map([
        ['t', { partitionsCount: 2 }],
        ['t.retry.0', { partitionsCount: 2 }],
      ]),
    };
    const result = copartitionedAssigner(
      'a',
      members as never,
      new Set(['t', 't.retry.0']),
      metadata as never,
    );
    const byMember = Object.fromEntries(
      result.map((r) => [
        r.memberId,
        Object.fromEntries([...r.assignments].map(([t, a]) => [t, a.partitions])),
      ]),
    );
    expect(byMember).toEqual({ a: { t: [0], 't.retry.0': [0] }, b: { t: [1], 't.retry.0': [1] } });
  });
});

describe('toBaseOptions', () => {
  it('maps brokers, TLS and SASL to @platformatic/kafka', () => {
    const base = toBaseOptions({
      brokers: 'a:9092,b:9093',
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'app', password: 'secret' },
    });
    expect(base).toMatchObject({
      bootstrapBrokers: ['a:9092', 'b:9093'],
      tls: {},
      sasl: { mechanism: 'SCRAM-SHA-512', username: 'app', password: 'secret' },
      autocreateTopics: false,
    });
  });
});
