// Issue 16, part 8: consumer instances of one group stopped with SIGTERM (as a platform stops a
// pod) while they work, and started again: each finishes or stops its batch, commits and leaves,
// so nothing is lost and nothing is handled twice after the clean restart. On the suite's broker;
// `npm run test:chaos` runs the full version (CHAOS_FULL=1).
import type { INestApplicationContext } from '@nestjs/common';
import { KafkaProducer } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { kafkaBrokers, startKafkaApp, uniqueName } from '../support.js';
import { CHAOS_FULL, reportRun } from './chaos-run.js';
import {
  CHAOS_CONSUMER_ENV,
  consumerChaosFigures,
  consumerChaosTimeoutMs,
  runConsumerChaos,
} from './consumer-chaos.js';

const plan = CHAOS_FULL
  ? { records: 50_000, keys: 300, kills: 8, signal: 'SIGTERM' as const, commitIntervalMs: 1000 }
  : { records: 16_000, keys: 60, kills: 2, signal: 'SIGTERM' as const, commitIntervalMs: 1000 };

describe('SIGTERM under load', () => {
  let app: INestApplicationContext | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it(
    'loses nothing and handles nothing twice when instances are stopped with SIGTERM and restarted',
    async () => {
      const topic = uniqueName('chaos-sigterm');
      app = await startKafkaApp([], { topics: [{ topic, partitions: 6 }] });
      const run = await runConsumerChaos(
        app.get(KafkaProducer),
        {
          size: 3,
          brokers: kafkaBrokers(),
          topic,
          groupId: uniqueName('chaos-sigterm-group'),
          env: CHAOS_CONSUMER_ENV,
        },
        plan,
      );
      const { ledger, kills } = run;
      reportRun('consumer-sigterm', consumerChaosFigures(run, plan));
      expect(kills).toHaveLength(plan.kills);
      expect(ledger.missing(run.ids)).toEqual([]);
      expect(ledger.duplicateTimes).toEqual([]);
      expect(ledger.orderViolations).toEqual([]);
      for (const kill of kills) {
        // Nest closes the app on the signal, then re-raises it: the process ends by SIGTERM.
        expect(['signal SIGTERM', 'code 0']).toContain(kill.exit);
        expect(kill.errorLines).toEqual([]);
      }
    },
    consumerChaosTimeoutMs(plan.kills),
  );
});
