// Under KIP-848 a member whose session expired (its process did not run for longer than the
// session timeout) is unknown to the broker: it must rejoin as a new member, as the Java client does.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { KafkaConsumer, KafkaListener, KafkaModule, Payload } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KIP848_OPTIONS,
  kafkaClientOptions,
  onPlatformatic,
} from '../../../tools/test/kafka-client-options.js';
import { CapturingLogger } from './capturing-logger.js';
import { committedOffsets, produceRaw, withAdmin } from './kafka-inspect.js';
import { createTopics, kafkaBrokers, uniqueName, waitFor } from './support.js';

const SESSION_MS = 6000;

/** Blocks this process (timers, sockets, heartbeats) for `ms`, as a long GC pause or a stopped VM would. */
const blockProcess = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe.runIf(onPlatformatic())('a member the broker dropped under KIP-848', () => {
  let app: INestApplicationContext | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('rejoins as a new member and commits what it handles next', async () => {
    const topic = uniqueName('dropped-member');
    const groupId = uniqueName('dropped-member-group');
    await withAdmin((admin) => createTopics(admin, [{ topic, numPartitions: 1 }]));
    const seen: number[] = [];

    @Injectable()
    @KafkaConsumer({ groupId, sessionTimeoutMs: SESSION_MS, heartbeatIntervalMs: 500, fromBeginning: true })
    class Listener {
      @KafkaListener(topic)
      async handle(@Payload() record: { n: number }) {
        seen.push(record.n);
        if (record.n === 0) blockProcess(SESSION_MS + 4000);
      }
    }
    const logger = new CapturingLogger();
    const moduleRef = await Test.createTestingModule({
      imports: [KafkaModule.forRoot({ brokers: kafkaBrokers(), ...kafkaClientOptions(), ...KIP848_OPTIONS })],
      providers: [Listener],
    }).compile();
    app = moduleRef.createNestApplication({ logger });
    await app.init();
    await produceRaw(topic, [{ key: null, value: JSON.stringify({ n: 0 }) }]);
    await waitFor('the record that blocks', () => seen.includes(0));
    await produceRaw(topic, [{ key: null, value: JSON.stringify({ n: 1 }) }]);
    await waitFor(
      'both records committed after the member was dropped',
      async () => (await committedOffsets(groupId, topic)).get(0) === '2',
      { timeoutMs: 40_000 },
    );
    expect(seen).toContain(1);
    const told = logger.lines.filter((l) => /UNKNOWN_MEMBER_ID/.test(l.message));
    // Told as a WARN, not an ERROR: once per drop (a heartbeat answered after the rejoin may find it dropped again).
    expect(told.length).toBeGreaterThan(0);
    expect(told.every((l) => l.level === 'warn' && l.context === 'Kafka')).toBe(true);
    expect(told[0]!.message).toContain(`group "${groupId}"`);
  }, 90_000);
});
