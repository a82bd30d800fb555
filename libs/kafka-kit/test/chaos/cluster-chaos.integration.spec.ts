// Issue 16, parts 1 and 5, on a 3-broker cluster of the test's own (RF 3, min ISR 2): consumer
// instances killed -9 while they work, and a broker killed -9 while records are produced and
// consumed. Short runs here; `npm run test:chaos` runs the full ones (CHAOS_FULL=1).
import type { INestApplicationContext } from '@nestjs/common';
import { KafkaProducer } from 'nest-kafka-kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapServers, down, up } from '../../embedded/cluster.mjs';
import { TEST_BROKER_PORTS } from '../../../../tools/test/broker-ports.js';
import { startKafkaApp, uniqueName } from '../support.js';
import { CHAOS_FULL, reportRun } from './chaos-run.js';
import { runConsumerChaos } from './consumer-chaos.js';

const PORT = TEST_BROKER_PORTS.chaosCluster;
const PARTITIONS = 6;

describe('chaos on a 3-broker cluster', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'kafka-chaos-'));
  let brokers: string[];
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    const { cluster } = await up({
      brokers: 3,
      port: PORT,
      controllerPortOffset: 50,
      stateDir,
      heapMb: 384,
      log: () => {},
    });
    brokers = bootstrapServers(cluster).split(',');
  }, 180_000);

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  afterAll(async () => {
    await down({ port: PORT, stateDir, log: () => {} });
    rmSync(stateDir, { recursive: true, force: true });
  });

  /** A producer-only app on the cluster that creates `topic` (RF 3; min ISR 2 from the brokers). */
  async function producerApp(topic: string): Promise<KafkaProducer> {
    app = await startKafkaApp([], {
      brokers,
      producer: { idempotent: true, acks: 'all' },
      topics: [{ topic, partitions: PARTITIONS, replicationFactor: 3 }],
      retry: { retries: 20, maxRetryTimeMs: 3000 },
    });
    return app.get(KafkaProducer);
  }

  it(
    'loses nothing and keeps per-key order while consumers of the group are killed -9 and restarted',
    async () => {
      const plan = CHAOS_FULL
        ? { records: 100_000, keys: 500, kills: 12, commitIntervalMs: 1000 }
        : { records: 8000, keys: 80, kills: 2, commitIntervalMs: 1000 };
      const topic = uniqueName('chaos-consumers');
      const producer = await producerApp(topic);
      const run = await runConsumerChaos(
        producer,
        {
          size: 3,
          brokers,
          topic,
          groupId: uniqueName('chaos-group'),
          env: { HANDLER_MS: '2-5', CONCURRENCY: '2', SESSION_TIMEOUT_MS: '6000' },
        },
        plan,
      );
      const { ledger, kills } = run;
      reportRun('consumer-kill9', {
        records: plan.records,
        instances: 3,
        kills: kills.length,
        lost: ledger.missing(run.ids).length,
        duplicates: ledger.duplicateTimes.length,
        duplicatesBeforeKills: run.duplicatesBeforeKills,
        duplicatesPerKill: kills.map((k) => k.duplicates),
        boundPerKill: kills.map((k) => k.bound),
        recoverMs: kills.map((k) => k.recoverMs),
        orderViolations: ledger.orderViolations.length,
        producerDuplicates: ledger.producerDuplicates.length,
        elapsedS: Math.round(run.elapsedMs / 1000),
      });
      expect(ledger.missing(run.ids)).toEqual([]);
      expect(ledger.orderViolations).toEqual([]);
      expect(ledger.producerDuplicates).toEqual([]);
      for (const kill of kills) expect(kill.duplicates).toBeLessThanOrEqual(kill.bound);
    },
    CHAOS_FULL ? 900_000 : 120_000,
  );
});
