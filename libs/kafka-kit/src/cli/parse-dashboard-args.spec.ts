import { describe, expect, it } from 'vitest';
import { parseDashboardArgs } from './parse-dashboard-args.js';

describe('parseDashboardArgs', () => {
  it('takes the groups, and defaults the rest', () => {
    expect(parseDashboardArgs(['dashboard', '--groups', 'a, b', '--groups', 'c'], {})).toEqual({
      brokers: '127.0.0.1:9092',
      groups: ['a', 'b', 'c'],
      port: 3900,
      host: '127.0.0.1',
      intervalMs: 5000,
    });
  });

  it('reads brokers from the environment unless given', () => {
    const env = { KAFKA_BROKERS: 'k:1' };
    expect(parseDashboardArgs(['dashboard', '--groups', 'a'], env).brokers).toBe('k:1');
    const args = ['dashboard', '--groups', 'a', '--brokers', 'x:2', '--port', '0', '--interval-ms', '1000'];
    expect(parseDashboardArgs(args, env)).toMatchObject({ brokers: 'x:2', port: 0, intervalMs: 1000 });
  });

  it('takes the driver, kafkajs or platformatic only', () => {
    const args = ['dashboard', '--groups', 'a', '--driver', 'platformatic'];
    expect(parseDashboardArgs(args, {}).driver).toBe('platformatic');
    expect(parseDashboardArgs(['dashboard', '--groups', 'a'], {}).driver).toBeUndefined();
    expect(() => parseDashboardArgs(['dashboard', '--groups', 'a', '--driver', 'rdkafka'], {})).toThrow(
      /--driver rdkafka/,
    );
  });

  it('refuses no groups, unknown arguments and bad numbers with the usage', () => {
    expect(() => parseDashboardArgs(['dashboard'], {})).toThrow(/--groups/);
    expect(() => parseDashboardArgs(['dashboard', '--groups', 'a', '--nope', '1'], {})).toThrow(
      /unknown argument --nope/,
    );
    expect(() => parseDashboardArgs(['dashboard', '--groups', 'a', '--port', 'x'], {})).toThrow(/--port x/);
  });
});
