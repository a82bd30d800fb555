import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { settlingBeforeRetry } from './kafkajs-send-settles.js';

// kafkajs' own sendMessages, eosManager and retrier, over two stand-in brokers that keep a log
// and deduplicate by sequence number as a broker does: the retry logic is pure, the brokers'
// timing (one dies at once, one answers late) is what the broker chaos test hit on Kafka 3.9.1.
const require = createRequire(import.meta.url);

/** kafkajs' sendMessages as it ships (a fresh load: the cached one may be the settling one). */
function kafkajsSendMessages() {
  const path = require.resolve('kafkajs/src/producer/sendMessages.js');
  const cached = require.cache[path];
  delete require.cache[path];
  try {
    return require(path) as Parameters<typeof settlingBeforeRetry>[0];
  } finally {
    if (cached) require.cache[path] = cached;
  }
}

interface Batch {
  partition: number;
  firstSequence: number;
  messages: { value: string }[];
}
interface ProduceRequest {
  topicData: { topic: string; partitions: Batch[] }[];
}

/** Broker 1 (leader of partition 0) dies at the first request; broker 2 answers after 50 ms. */
function twoBrokers() {
  const log = new Map<number, string[]>();
  const nextSequence = new Map<number, number>();
  const { KafkaJSConnectionError } = require('kafkajs/src/errors.js') as {
    KafkaJSConnectionError: new (m: string) => Error;
  };
  let broker1Dead = true;
  const write = ({ topicData }: ProduceRequest) => ({
    topics: topicData.map(({ topic, partitions }) => ({
      topicName: topic,
      partitions: partitions.map(({ partition, firstSequence, messages }) => {
        const expected = nextSequence.get(partition) ?? 0;
        // A batch before the expected sequence is one the broker has: answered, not appended.
        if (firstSequence === expected) {
          log.set(partition, [...(log.get(partition) ?? []), ...messages.map((m) => m.value)]);
          nextSequence.set(partition, expected + messages.length);
        }
        return { partition, errorCode: 0, baseOffset: '0' };
      }),
    })),
  });
  const brokers: Record<number, { nodeId: number; produce(r: ProduceRequest): Promise<unknown> }> = {
    1: {
      nodeId: 1,
      async produce(request) {
        if (broker1Dead) {
          broker1Dead = false;
          throw new KafkaJSConnectionError('Connection error: read ECONNRESET');
        }
        return write(request);
      },
    },
    2: {
      nodeId: 2,
      produce: (request) => new Promise((resolve) => setTimeout(() => resolve(write(request)), 50)),
    },
  };
  const controller = { initProducerId: async () => ({ producerId: 7, producerEpoch: 0 }) };
  const cluster = {
    retry: { retries: 3, initialRetryTime: 5 },
    refreshMetadataIfNecessary: async () => {},
    refreshMetadata: async () => {},
    addMultipleTargetTopics: async () => {},
    isConnected: () => true,
    removeBroker: () => {},
    findControllerBroker: async () => controller,
    findTopicPartitionMetadata: () => [
      { partitionId: 0, leader: 1 },
      { partitionId: 1, leader: 2 },
    ],
    findLeaderForPartitions: (_topic: string, partitions: string[]) => {
      const byLeader: Record<number, number[]> = {};
      for (const p of partitions.map(Number)) (byLeader[p === 0 ? 1 : 2] ??= []).push(p);
      return byLeader;
    },
    findBroker: async ({ nodeId }: { nodeId: number }) => brokers[nodeId],
  };
  return { log, cluster };
}

async function sendAcrossTheDeath(factory: Parameters<typeof settlingBeforeRetry>[0]) {
  const { log, cluster } = twoBrokers();
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  const eosManager = (require('kafkajs/src/producer/eosManager/index.js') as (o: object) => unknown)({
    logger,
    cluster,
    transactional: false,
  }) as { initProducerId(): Promise<void> };
  await eosManager.initProducerId();
  const retrier = (require('kafkajs/src/retry/index.js') as (o: object) => unknown)(cluster.retry);
  const send = factory({
    logger,
    cluster,
    eosManager,
    retrier,
    partitioner: ({ message }: { message: { partition: number } }) => message.partition,
  } as never);
  const messages = [
    { partition: 0, value: 'a' },
    { partition: 1, value: 'b' },
    { partition: 1, value: 'c' },
  ];
  await send({ acks: -1, timeout: 30_000, topicMessages: [{ topic: 't', messages }] });
  return log;
}

describe('settlingBeforeRetry', () => {
  it('kafkajs as it ships writes a late-answering broker’s records twice when another leader dies', async () => {
    const log = await sendAcrossTheDeath(kafkajsSendMessages());
    expect(log.get(1)).toEqual(['b', 'c', 'b', 'c']);
  });

  it('waits for the failed attempt’s other requests: each record is written once', async () => {
    const log = await sendAcrossTheDeath(settlingBeforeRetry(kafkajsSendMessages()));
    expect(log.get(0)).toEqual(['a']);
    expect(log.get(1)).toEqual(['b', 'c']);
  });

  it('retries after a broker lock that timed out, not waiting for it forever', async () => {
    let acquires = 0;
    const eosManager = {
      acquireBrokerLock: async () => {
        if (++acquires === 1) throw new Error('Timeout while acquiring lock (65535ms)');
      },
      releaseBrokerLock: () => {},
    };
    // A sendMessages shaped like kafkajs': each attempt takes the lock, a failure goes to the retrier.
    const factory =
      ({ eosManager: locks, retrier }: Parameters<Parameters<typeof settlingBeforeRetry>[0]>[0]) =>
      () =>
        retrier(async () => {
          await locks.acquireBrokerLock('broker-1');
          locks.releaseBrokerLock('broker-1');
          return 'sent';
        });
    const retrier = async (attempt: (bail: (e: Error) => void, n: number, t: number) => Promise<unknown>) => {
      for (let n = 0; ; n++) {
        try {
          return await attempt(() => {}, n, 0);
        } catch (err) {
          if (n === 2) throw err;
        }
      }
    };
    const send = settlingBeforeRetry(factory)({ eosManager, retrier });
    await expect(send({})).resolves.toBe('sent');
    expect(acquires).toBe(2);
  });
});
