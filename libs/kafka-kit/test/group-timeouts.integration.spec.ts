// Under KIP-848 the broker, not the member's join, decides a group's session timeout and heartbeat
// interval (group configs); the platformatic driver writes the ones the app set before joining.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { KafkaConsumer, KafkaListener } from 'nest-kafka-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KAFKA_VERSION } from '../embedded/cluster.mjs';
import { runJavaTool } from '../embedded/java-tools.mjs';
import { KIP848_OPTIONS, onPlatformatic } from '../../../tools/test/kafka-client-options.js';
import { kafkaBrokers, startKafkaApp, uniqueName } from './support.js';

/** The group's dynamic configs as Kafka's own kafka-configs tool prints them. */
function groupConfigs(groupId: string): Promise<string> {
  return runJavaTool('configs', process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION, [
    '--bootstrap-server',
    kafkaBrokers().join(','),
    '--describe',
    '--entity-type',
    'groups',
    '--entity-name',
    groupId,
  ]);
}

// Wherever the platformatic driver runs, whichever protocol the suite's other tests use.
describe.runIf(onPlatformatic())('session timeout and heartbeat interval under KIP-848', () => {
  let app: INestApplicationContext | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('become the group configs when the app sets them, and nothing is written when it does not', async () => {
    const topic = uniqueName('group-timeouts');
    const setGroup = uniqueName('group-timeouts-set');
    const unsetGroup = uniqueName('group-timeouts-unset');

    @Injectable()
    @KafkaConsumer({ groupId: setGroup, sessionTimeoutMs: 7000, heartbeatIntervalMs: 700 })
    class Set {
      @KafkaListener(topic)
      async handle() {}
    }
    @Injectable()
    @KafkaConsumer({ groupId: unsetGroup })
    class Unset {
      @KafkaListener(topic)
      async handle() {}
    }
    app = await startKafkaApp([Set, Unset], KIP848_OPTIONS);

    const [set, unset] = await Promise.all([groupConfigs(setGroup), groupConfigs(unsetGroup)]);
    expect(set).toMatch(/consumer\.session\.timeout\.ms=7000 /);
    expect(set).toMatch(/consumer\.heartbeat\.interval\.ms=700 /);
    expect(unset).not.toMatch(/consumer\.(session\.timeout|heartbeat\.interval)\.ms=/);
  }, 60_000);
});
