// Issue 16: scaling a group out under load (one instance, then two, then three, as an autoscaler
// adds pods) is routine. Each join rebalances the group while the others work and commit inside
// long batches; none of that is a failure, so no instance prints an ERROR or WARN line, nothing
// is lost and per-key order holds.
import type { INestApplicationContext } from '@nestjs/common';
import { KafkaProducer } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { kafkaBrokers, startKafkaApp, uniqueName, waitFor } from '../support.js';
import { CHAOS_CONSUMER_ENV } from './consumer-chaos.js';
import { ConsumerFleet } from './consumer-fleet.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { keyedRecords, sendAll } from './keyed-records.js';

const RECORDS = 6000;

describe('scaling a group out under load', () => {
  let app: INestApplicationContext | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('joins two more instances while the first works: no ERROR or WARN line, nothing lost, order kept', async () => {
    const topic = uniqueName('scale-out');
    app = await startKafkaApp([], { topics: [{ topic, partitions: 6 }] });
    const ledger = new DeliveryLedger();
    const fleet = new ConsumerFleet(
      {
        size: 3,
        brokers: kafkaBrokers(),
        topic,
        groupId: uniqueName('scale-out-group'),
        env: CHAOS_CONSUMER_ENV,
      },
      ledger,
    );
    const records = keyedRecords(0, RECORDS, 60);
    try {
      await fleet.startSlot(0);
      await sendAll(app.get(KafkaProducer), topic, records);
      for (const [slot, handled] of [
        [1, RECORDS / 6],
        [2, RECORDS / 3],
      ] as const) {
        await waitFor(
          `${handled} records handled before instance ${slot} joins`,
          () => ledger.unique >= handled,
          {
            timeoutMs: 60_000,
            intervalMs: 20,
          },
        );
        await fleet.startSlot(slot);
      }
      await waitFor('every record handled', () => ledger.unique >= RECORDS, {
        timeoutMs: 90_000,
        intervalMs: 50,
      });
    } finally {
      fleet.killAll();
    }
    const loud = [0, 1, 2].flatMap((slot) =>
      fleet
        .output(slot)
        .split('\n')
        .filter((line) => /\b(ERROR|WARN)\b/.test(line))
        .map((line) => `instance ${slot}: ${line}`),
    );
    expect(loud).toEqual([]);
    expect(ledger.missing(records.map((r) => r.value))).toEqual([]);
    expect(ledger.orderViolations).toEqual([]);
  }, 300_000);
});
