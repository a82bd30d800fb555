import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

// kafkajs 2.2.4 (its last release) can write a record twice with an idempotent producer. One
// sendBatch sends a request to each leader at once and awaits them with Promise.all: when one
// fails (its leader killed), the attempt rejects while the others are still in flight, and the
// retry sends again to every broker that has not answered yet (sendMessages.js,
// brokersWithoutResponse). Such a second request waits for the broker's lock, then takes the
// partition's sequence number as the first request left it, advanced if that one was written:
// the broker takes the same records as new ones. Seen in the broker chaos test on Kafka 3.9.1:
// 8 acknowledged records written twice across a leader's death, under one producer id and epoch.

type Attempt = (bail: (e: Error) => void, retryCount: number, retryTime: number) => Promise<unknown>;
type Retrier = (attempt: Attempt) => Promise<unknown>;

interface BrokerLocks {
  acquireBrokerLock(broker: unknown): Promise<void>;
  releaseBrokerLock(broker: unknown): void;
}

interface SendMessagesOptions {
  retrier: Retrier;
  eosManager: BrokerLocks;
}

type SendMessages = (args: unknown) => Promise<unknown>;
type SendMessagesFactory = (options: SendMessagesOptions) => SendMessages;

/** The broker locks one sendMessages call holds, and who waits for it to hold none. */
class HeldLocks {
  private held = 0;
  private waiting: (() => void)[] = [];

  acquired(): void {
    this.held++;
  }

  released(): void {
    if (--this.held > 0) return;
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  none(): Promise<void> {
    return this.held === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }
}

/**
 * kafkajs' sendMessages with each call's retries made to wait until every request of its failed
 * attempt has settled: a request holds its broker's lock from before it is sent until its answer
 * is recorded, so once the call holds none, the retry skips the brokers that answered, and a
 * request that failed has given its sequence numbers back.
 */
export function settlingBeforeRetry(factory: SendMessagesFactory): SendMessagesFactory {
  return (options) => {
    const { eosManager, retrier } = options;
    const calls = new AsyncLocalStorage<HeldLocks>();
    const locks = Object.assign(Object.create(eosManager) as BrokerLocks, {
      async acquireBrokerLock(broker: unknown) {
        const held = calls.getStore();
        held?.acquired();
        try {
          await eosManager.acquireBrokerLock(broker);
        } catch (err) {
          // kafkajs releases only a lock it got: one that timed out must not be waited for.
          held?.released();
          throw err;
        }
      },
      releaseBrokerLock(broker: unknown) {
        try {
          eosManager.releaseBrokerLock(broker);
        } finally {
          calls.getStore()?.released();
        }
      },
    });
    const settlingRetrier: Retrier = (attempt) =>
      retrier(async (bail, retryCount, retryTime) => {
        try {
          return await attempt(bail, retryCount, retryTime);
        } catch (err) {
          await calls.getStore()?.none();
          throw err;
        }
      });
    const send = factory({ ...options, eosManager: locks, retrier: settlingRetrier });
    return (args) => calls.run(new HeldLocks(), () => send(args));
  };
}

const SEND_MESSAGES = 'kafkajs/src/producer/sendMessages.js';
const MESSAGE_PRODUCER = 'kafkajs/src/producer/messageProducer.js';

/**
 * Makes every kafkajs producer created from now on settle a failed attempt before retrying it.
 * kafkajs' producer module takes sendMessages when it loads, so this runs before kafkajs loads
 * (client/kafkajs.ts imports it first); loaded earlier by someone else, kafkajs is left as it is
 * and this says so.
 */
export function settleSendsBeforeRetry(): void {
  const require = createRequire(import.meta.url);
  const path = require.resolve(SEND_MESSAGES);
  const factory = require(SEND_MESSAGES) as SendMessagesFactory & { settling?: true };
  if (factory.settling) return;
  if (require.cache[require.resolve(MESSAGE_PRODUCER)]) {
    process.emitWarning(
      'kafkajs was loaded before nest-kafka-kit: its idempotent producer may write a record twice when a broker dies',
    );
    return;
  }
  require.cache[path]!.exports = Object.assign(settlingBeforeRetry(factory), { settling: true as const });
}
