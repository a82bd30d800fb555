// SASL_SSL (SCRAM-SHA-512, TLS from a CA made for this run) and ACLs (KRaft's StandardAuthorizer)
// on a broker of this file's own: the right principal works end to end; one without READ on its
// group or on its topic gets an authorization error in health that names what is denied and to
// whom, and no crash loop; a DLQ the principal may not write holds its partition uncommitted
// until the ACL is lifted; and no password shows in logs, health, metrics, DLQ headers or the
// CLI's output.
import { Injectable } from '@nestjs/common';
import {
  ConsumerStateService,
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
  type ConsumerStateChange,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BROKER_PORTS } from '../../../tools/test/broker-ports.js';
import { main } from '../src/cli/main.js';
import { startHealthApp, type HealthApp } from './health/health-app.js';
import { appRights, committedOffsets, startSecuredBroker, type SecuredBroker } from './secured-broker.js';
import { CapturingLogger } from './capturing-logger.js';
import { uniqueName, waitFor } from './support.js';

describe('SASL_SSL with ACLs', () => {
  let broker: SecuredBroker;
  let app: HealthApp | undefined;

  beforeAll(async () => {
    broker = await startSecuredBroker(TEST_BROKER_PORTS.acl, ['app', 'noTopicRead', 'noGroupRead']);
  }, 180_000);
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(() => broker?.stop());

  /** A group `groupId` reading `topic` from the beginning; `received` gets each payload's id. */
  function reader(topic: string, groupId: string, received: string[] = [], dlq = false) {
    @Injectable()
    @KafkaConsumer({ groupId, fromBeginning: true })
    class Reader {
      @KafkaListener(topic, {
        ...(dlq && {
          topic: { partitions: 1 },
          errorHandling: { strategy: 'dead-letter', writeBackoff: { initialMs: 200, maxMs: 1000 } },
        }),
      })
      async handle(@Payload() value: { id: string }) {
        if (value.id === 'poison') throw new Error('poison record');
        received.push(value.id);
      }
    }
    return Reader;
  }

  /** Starts a health app as `user` and waits for liveness to go down on an authorization error. */
  async function deniedLiveness(user: string, topic: string, groupId: string) {
    app = await startHealthApp(
      [reader(topic, groupId)],
      {},
      { ...broker.connectAs(user), logLevel: 'nothing' },
    );
    const changes: ConsumerStateChange[] = [];
    app.app.get(ConsumerStateService).on('change', (c: ConsumerStateChange) => changes.push(c));
    const live = await waitFor('liveness down', async () => {
      const res = await app!.get('/health/live');
      return res.status === 503 && res;
    });
    // No crash loop: kafkajs does not restart after an authorization error, so the state stays
    // 'crashed'. Absence can only be watched for a while; 3 s spans several of kafkajs' restart
    // delays (300 ms doubling) had it restarted.
    await new Promise((r) => setTimeout(r, 3000));
    expect(app.app.get(ConsumerStateService).get(groupId)?.state).toBe('crashed');
    expect(changes.filter((c) => c.to === 'starting')).toEqual([]);
    expect((await app.get('/health/ready')).status).toBe(503);
    return live.health.details.kafka_consumers_live;
  }

  it('a principal without READ on its group: liveness names the group, the principal and READ, once', async () => {
    const topic = uniqueName('acl-nogroup');
    const groupId = uniqueName('acl-nogroup-group');
    await broker.grant(
      { user: 'noGroupRead', resource: 'topic', name: topic, operation: 'READ' },
      { user: 'noGroupRead', resource: 'topic', name: topic, operation: 'DESCRIBE' },
    );
    await broker.admin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1 }] }));
    const live = await deniedLiveness('noGroupRead', topic, groupId);
    expect(live).toMatchObject({
      status: 'down',
      states: { [groupId]: 'crashed' },
      problems: [{ groupId, reason: 'crashed' }],
    });
    const { error } = (live!.problems as { error: string }[])[0]!;
    expect(error).toContain('KafkaAuthorizationError');
    expect(error).toContain(`User:noGroupRead may not READ group "${groupId}"`);
    expect(error).toContain('GROUP_AUTHORIZATION_FAILED');
  });

  it('a principal without READ on its topic: liveness names the topic, the principal and READ', async () => {
    const topic = uniqueName('acl-notopic');
    const groupId = uniqueName('acl-notopic-group');
    await broker.grant(
      { user: 'noTopicRead', resource: 'topic', name: topic, operation: 'DESCRIBE' },
      { user: 'noTopicRead', resource: 'group', name: groupId, operation: 'READ' },
    );
    await broker.admin((a) => a.createTopics({ topics: [{ topic, numPartitions: 1 }] }));
    const live = await deniedLiveness('noTopicRead', topic, groupId);
    const { error } = (live!.problems as { error: string }[])[0]!;
    expect(error).toContain(`User:noTopicRead may not READ topic "${topic}"`);
    expect(error).toContain('TOPIC_AUTHORIZATION_FAILED');
  });

  it('works end to end for the right principal; a DLQ it may not write holds the partition uncommitted until allowed; no secret leaks', async () => {
    const topic = uniqueName('acl-app');
    const groupId = uniqueName('acl-app-group');
    const dlqTopic = `${topic}.dlq`;
    const denyDlq = {
      user: 'app',
      resource: 'topic',
      name: dlqTopic,
      operation: 'WRITE',
      deny: true,
    } as const;
    // The CLI reads the DLQ through throwaway groups named nest-kafka-kit.dlq-reader.<uuid>.
    const dlqReaders = {
      user: 'app',
      resource: 'group',
      name: 'nest-kafka-kit.dlq-reader.',
      prefixed: true,
    } as const;
    await broker.grant(
      ...appRights('app', topic),
      ...appRights('app', groupId),
      { ...dlqReaders, operation: 'READ' },
      denyDlq,
    );
    const logger = new CapturingLogger();
    const received: string[] = [];
    app = await startHealthApp(
      [reader(topic, groupId, received, true)],
      {},
      { ...broker.connectAs('app'), logLevel: 'debug' },
      { logger },
    );
    await app.app
      .get(KafkaProducer)
      .send(topic, [{ value: { id: 'poison' } }, { value: { id: 'a' } }, { value: { id: 'b' } }]);

    // The failure cannot be recorded: liveness names the DLQ and the denial, nothing is committed.
    const live = await waitFor('liveness down on the denied DLQ write', async () => {
      const res = await app!.get('/health/live');
      return res.status === 503 && res;
    });
    const problem = (live.health.details.kafka_consumers_live!.problems as Record<string, unknown>[])[0];
    expect(problem).toMatchObject({ reason: 'stopped-partition', kind: 'failure-write', topic, offset: '0' });
    expect(problem!.error).toContain(dlqTopic);
    expect(problem!.error).toMatch(/authorization failed/i);
    await waitFor('the records after the poison one handled meanwhile', () => received.length === 2);
    // At most the poison record's own offset: it and the records after it come again.
    expect(['-1', '0', undefined]).toContain((await committedOffsets(broker, groupId, topic)).get(0));

    // Allowed again: the write goes through, the group commits past it, health recovers.
    await broker.revoke(denyDlq);
    await waitFor(
      'the group to commit past the poison record once the DLQ may be written',
      async () => (await committedOffsets(broker, groupId, topic)).get(0) === '3',
      { timeoutMs: 30_000 },
    );
    await waitFor('liveness up', async () => (await app!.get('/health/live')).status === 200);

    // Everything an operator or a scraper sees, over the same secured listener.
    const seen = logger.lines.map((l) => `${l.level} ${l.text}`);
    for (const path of ['/health', '/health/live', '/health/ready', '/metrics'])
      seen.push((await app.get(path)).text);
    const cli: string[] = [];
    const env = {
      KAFKA_BROKERS: String(broker.connectAs('app').brokers),
      KAFKA_SSL_CA: broker.caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'app',
      KAFKA_SASL_PASSWORD: broker.users.app!.password,
    };
    const print = (line: string) => cli.push(line);
    const peekCode = await main(['dlq', 'peek', dlqTopic], env, print, print);
    expect(peekCode, cli.join('\n')).toBe(0);
    expect(await main(['dlq', 'list', dlqTopic], env, print, print)).toBe(0);
    const peeked = JSON.parse(cli[0]!) as { headers: Record<string, string> };
    expect(peeked.headers).toMatchObject({ 'x-dlq-original-topic': topic, 'x-dlq-reason': 'failed' });
    seen.push(...cli);

    const text = seen.join('\n');
    expect(text).toContain('poison record'); // the scan reads the real output
    for (const { password } of Object.values(broker.users)) expect(text).not.toContain(password);
    expect(text).not.toContain(broker.keystorePassword);
    expect(text).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY/);
    console.log(`scanned ${seen.length} log lines and outputs (${text.length} chars): no credential`);
  });
});
