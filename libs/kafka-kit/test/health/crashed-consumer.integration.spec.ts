import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { uniqueName, waitFor } from '../support.js';
import { startHealthApp, type HealthApp } from './health-app.js';

describe('a consumer that kafkajs gives up on', () => {
  let app: HealthApp | undefined;
  afterEach(() => app?.close());

  it('takes liveness down with the error, and readiness with it', async () => {
    const topic = uniqueName('crash');
    const groupId = uniqueName('crash-group');

    @Injectable()
    // Below the broker's group.min.session.timeout.ms (6 s): JoinGroup answers
    // INVALID_SESSION_TIMEOUT, which is not retriable, so kafkajs stops for good.
    @KafkaConsumer({ groupId, sessionTimeoutMs: 1000, heartbeatIntervalMs: 300 })
    class Doomed {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle() {}
    }

    app = await startHealthApp([Doomed]);
    const live = await waitFor('liveness down', async () => {
      const res = await app!.get('/health/live');
      return res.status === 503 && res;
    });
    expect(live.health.details.kafka_consumers_live).toMatchObject({
      status: 'down',
      states: { [groupId]: 'crashed' },
      problems: [{ groupId, reason: 'crashed', error: expect.stringMatching(/session timeout/i) }],
    });
    expect((await app.get('/health/ready')).status).toBe(503);
  });
});
