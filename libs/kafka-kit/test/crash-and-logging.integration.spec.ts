import { Injectable, type INestApplicationContext, type LoggerService } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConsumerStateService,
  KafkaConsumer,
  KafkaListener,
  KafkaModule,
  type KafkaModuleOptions,
} from 'nest-kafka-kit';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BROKER_PORTS } from '../../../tools/test/broker-ports.js';
import { down, isAlive, killBroker, up, type ClusterState } from '../embedded/cluster.mjs';
import { CapturingLogger } from './capturing-logger.js';
import { uniqueName, waitFor } from './support.js';
import { kafkaClientOptions } from '../../../tools/test/kafka-client-options.js';
import { onPlatformatic } from '../../../tools/test/kafka-client-options.js';

async function appWith(options: KafkaModuleOptions, providers: unknown[], logger: LoggerService) {
  const moduleRef = await Test.createTestingModule({
    imports: [KafkaModule.forRoot({ ...kafkaClientOptions(), ...options })],
    providers: providers as never[],
  }).compile();
  const app = moduleRef.createNestApplication({ logger });
  await app.init();
  return app;
}

describe('crashes and logs are never silent', () => {
  // Registered on kafkajs only: kafkajs logs through a log creator the library routes to Nest;
  // @platformatic/kafka has no logger to route (it reports through diagnostics channels), so
  // the platformatic driver's failures reach Nest through the consumer's crash events instead.
  if (!onPlatformatic())
    it("routes kafkajs' logs through Nest's Logger at the matching level", async () => {
      const logger = new CapturingLogger();
      // Nothing listens on this port: kafkajs logs connection errors, then startup fails.
      const failed = await appWith(
        { brokers: '127.0.0.1:1', retry: { retries: 0 }, logLevel: 'error', topics: [{ topic: 'never' }] },
        [],
        logger,
      ).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(failed).toBeInstanceOf(Error);
      const kafkajsLines = logger.lines.filter((l) => l.context === 'Kafka');
      expect(kafkajsLines.length).toBeGreaterThan(0);
      expect(kafkajsLines.every((l) => l.level === 'error')).toBe(true);
      expect(
        kafkajsLines.some((l) => /Connection error: connect ECONNREFUSED 127\.0\.0\.1:1/.test(l.message)),
      ).toBe(true);
    });

  describe('a consumer whose broker dies', () => {
    // Its own broker, so killing it disturbs no other test.
    const port = TEST_BROKER_PORTS.consumerCrash;
    const stateDir = mkdtempSync(join(tmpdir(), 'crash-kafka-'));
    let cluster: ClusterState;
    let app: INestApplicationContext;
    const groupId = uniqueName('crashing');
    const logger = new CapturingLogger();

    beforeAll(async () => {
      ({ cluster } = await up({ port, stateDir, heapMb: 384, log: () => {} }));
      // The first group request to a fresh broker waits for __consumer_offsets to be created and
      // loaded; make it here, with kafkajs' default retries, so the test's short retries (meant
      // for the kill) cannot crash the consumer on that wait under a loaded CI.
      const admin = new Kafka({ brokers: [`127.0.0.1:${port}`], logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      await admin.describeGroups([groupId]);
      await admin.disconnect();
    }, 120_000);
    afterAll(async () => {
      await app?.close().catch(() => {});
      await down({ port, stateDir, log: () => {} });
      rmSync(stateDir, { recursive: true, force: true });
    });

    it('is reported crashed, with its error, when it will not restart', async () => {
      const topic = uniqueName('crash');
      @Injectable()
      @KafkaConsumer({ groupId, restartOnCrash: false })
      class DoomedListener {
        @KafkaListener(topic, { topic: { partitions: 1 } })
        async handle() {}
      }
      app = await appWith(
        {
          brokers: `127.0.0.1:${port}`,
          // A dead local port refuses at once, so few short retries crash it quickly after the
          // kill, while a loaded machine still gets enough slack before it.
          retry: { retries: 3, initialRetryTimeMs: 100, maxRetryTimeMs: 500 },
          connectionTimeoutMs: 3000,
          logLevel: 'nothing',
        },
        [DoomedListener],
        logger,
      );
      const state = app.get(ConsumerStateService);
      await waitFor(
        'the consumer to run with its partition',
        () => {
          const g = state.get(groupId);
          if (g?.state === 'crashed') throw new Error(`crashed before the kill: ${g.lastError?.message}`);
          return g?.state === 'running' && g.assignment[topic]?.length === 1;
        },
        { timeoutMs: 30_000 },
      );

      killBroker(cluster.brokers[0]!);
      await waitFor('the broker to die', () => !isAlive(cluster.brokers[0]!.pid));
      const crashed = await waitFor(
        'the consumer to be reported crashed',
        () => {
          const g = state.get(groupId);
          return g?.state === 'crashed' && g;
        },
        { timeoutMs: 60_000 },
      );
      expect(crashed.lastError?.message).toBeTruthy();
      expect(logger.lines.some((l) => l.level === 'error' && l.message.includes('will NOT restart'))).toBe(
        true,
      );
    }, 90_000);
  });
});
