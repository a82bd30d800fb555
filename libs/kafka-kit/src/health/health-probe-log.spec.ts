import { Logger } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HealthProbeLog } from './health-probe-log.js';

const down: HealthCheckResult = {
  status: 'error',
  info: {},
  error: {
    kafka_consumers_live: {
      status: 'down',
      problems: [
        { groupId: 'g', reason: 'stopped-partition', topic: 't', partition: 0, offset: '7', error: 'boom' },
      ],
    },
  },
  details: {},
};
const up: HealthCheckResult = {
  status: 'ok',
  info: { kafka_consumers_live: { status: 'up' } },
  error: {},
  details: {},
};

describe('HealthProbeLog', () => {
  afterEach(() => vi.restoreAllMocks());

  it('logs a probe once when it goes down, in one line, and once when it recovers', () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const log = vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const probes = new HealthProbeLog();
    probes.observe('/health/live', up);
    for (let i = 0; i < 5; i++) probes.observe('/health/live', down);
    probes.observe('/health/live', up);
    probes.observe('/health/live', up);
    expect(warn.mock.calls).toEqual([
      ['/health/live is down: kafka_consumers_live: g stopped-partition t[0]@7 (boom)'],
    ]);
    expect(log.mock.calls).toEqual([['/health/live is up again']]);
    expect(error).not.toHaveBeenCalled();
  });
});
