import { Injectable } from '@nestjs/common';
import { KafkaConsumer, KafkaListener } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { KIP848_OPTIONS, onKip848, onPlatformatic } from '../../../../tools/test/kafka-client-options.js';
import { uniqueName, waitFor } from '../support.js';
import { startHealthApp, type HealthApp } from './health-app.js';

// Below the broker's minimum session timeout (6 s on the test broker: group.min.session.timeout.ms
// for the classic protocol, group.consumer.min.session.timeout.ms for KIP-848).
function doomed(topic: string, groupId: string) {
  @Injectable()
  @KafkaConsumer({ groupId, sessionTimeoutMs: 1000, heartbeatIntervalMs: 300 })
  class Doomed {
    @KafkaListener(topic, { topic: { partitions: 1 } })
    async handle() {}
  }
  return Doomed;
}

describe('a consumer that kafkajs gives up on', () => {
  let app: HealthApp | undefined;
  afterEach(() => app?.close());

  // JoinGroup answers INVALID_SESSION_TIMEOUT, which is not retriable, so the client stops for good.
  it.skipIf(onKip848())('takes liveness down with the error, and readiness with it', async () => {
    const groupId = uniqueName('crash-group');
    app = await startHealthApp([doomed(uniqueName('crash'), groupId)]);
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

  // KIP-848 joins take no session timeout: it is the group's config, written before the join,
  // so the broker's refusal stops startup itself, naming the option and the broker's answer.
  it.runIf(onPlatformatic())(
    'under KIP-848: does not start, naming the option and the broker’s answer',
    async () => {
      const groupId = uniqueName('crash-group');
      const started = startHealthApp([doomed(uniqueName('crash'), groupId)], {}, KIP848_OPTIONS);
      await expect(started).rejects.toThrow(
        new RegExp(
          `"sessionTimeoutMs".*group "${groupId}".*consumer\\.session\\.timeout\\.ms=1000.*` +
            'greater than or equal to group\\.consumer\\.min\\.session\\.timeout\\.ms',
        ),
      );
    },
  );
});
