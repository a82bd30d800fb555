import { HealthIndicatorService } from '@nestjs/terminus';
import { describe, expect, it } from 'vitest';
import type { ClusterDescription } from '../client/admin-client.js';
import { AdminRequestTimeoutError } from '../errors/admin-request-timeout.error.js';
import type { KafkaConnection } from '../client/kafka-connection.js';
import { KafkaBrokerHealthIndicator } from './kafka-broker.health-indicator.js';

const cluster = (brokers: number, controller: number | null = 1): ClusterDescription => ({
  clusterId: 'c',
  controller,
  brokers: Array.from({ length: brokers }, (_, i) => ({ nodeId: i + 1, host: 'h', port: 9092 + i })),
});

/** An indicator over an admin whose describeCluster does what `answer` says. */
function indicator(answer: (timeoutMs: number) => Promise<ClusterDescription>, minBrokers?: number) {
  let calls = 0;
  const connection = {
    admin: () => ({
      describeCluster: (timeoutMs: number) => {
        calls++;
        return answer(timeoutMs);
      },
    }),
  } as unknown as KafkaConnection;
  const check = new KafkaBrokerHealthIndicator(new HealthIndicatorService(), connection, {
    brokerTimeoutMs: 1234,
    minBrokers,
  });
  return { check, calls: () => calls };
}

describe('KafkaBrokerHealthIndicator', () => {
  it('is up with the cluster id, controller and broker count', async () => {
    const { check } = indicator(async () => cluster(3));
    expect(await check.isHealthy()).toEqual({
      kafka_broker: {
        status: 'up',
        clusterId: 'c',
        controller: 1,
        brokers: 3,
        responseTimeMs: expect.any(Number),
      },
    });
  });

  it('passes its timeout to the admin call and is down, not thrown, when it expires', async () => {
    let seen = 0;
    const { check } = indicator(async (timeoutMs) => {
      seen = timeoutMs;
      throw new AdminRequestTimeoutError('describeCluster', timeoutMs);
    });
    const result = await check.isHealthy('broker');
    expect(seen).toBe(1234);
    expect(result.broker).toMatchObject({ status: 'down', message: expect.stringContaining('1234 ms') });
  });

  it('is down without a controller or with fewer brokers than required', async () => {
    expect((await indicator(async () => cluster(1, null)).check.isHealthy()).kafka_broker.status).toBe(
      'down',
    );
    const few = await indicator(async () => cluster(2), 3).check.isHealthy();
    expect(few.kafka_broker).toMatchObject({ status: 'down', brokers: 2 });
  });

  it('shares one pending request between concurrent probes', async () => {
    let release!: (c: ClusterDescription) => void;
    const { check, calls } = indicator(() => new Promise((r) => (release = r)));
    const probes = Promise.all([check.isHealthy(), check.isHealthy(), check.isHealthy()]);
    release(cluster(1));
    const results = await probes;
    expect(calls()).toBe(1);
    expect(results.every((r) => r.kafka_broker.status === 'up')).toBe(true);
    // Once settled, the next probe asks again.
    const next = check.isHealthy();
    release(cluster(1));
    await next;
    expect(calls()).toBe(2);
  });
});
