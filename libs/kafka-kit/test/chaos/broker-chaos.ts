// Issue 16, part 5: a broker of the cluster killed -9 and started again while the library's
// KafkaProducer (idempotent, acks=all) writes at a steady rate and a group consumes. Every
// acknowledged record must be in the log once and be consumed.
import type { KafkaProducer } from 'nest-kafka-kit';
import { isAlive, killBroker, readCluster, restartBroker } from '../../embedded/cluster.mjs';
import { endOffsets, withAdmin } from '../kafka-inspect.js';
import { waitFor } from '../support.js';
import { ConsumerFleet, type FleetOptions } from './consumer-fleet.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { keyedRecords } from './keyed-records.js';

export interface BrokerChaosPlan {
  /** Records sent per second, in sends of 20. */
  rate: number;
  keys: number;
  kills: number;
  /** Records acknowledged before each kill, during the outage, and after the restart. */
  perPhase: number;
  /** Wait after each restart until the broker is back in every ISR (and report how long). */
  awaitIsr: boolean;
}

export interface BrokerKillFigures {
  nodeId: number;
  /** From the kill to the first send acknowledged after it. */
  produceStallMs: number;
  /** From the restart until the broker is back in the ISR of every partition (if awaited). */
  isrRestoredMs?: number;
}

export interface BrokerChaosResult {
  ledger: DeliveryLedger;
  acked: string[];
  /** Records of sends that failed (not acknowledged: they may or may not be in the log). */
  unacked: number;
  errors: string[];
  kills: BrokerKillFigures[];
  logRecords: number;
}

const SEND_SIZE = 20;

/** Budget of each wait, so a stall fails with the wait's name, inside the test's timeout. */
const STEP_TIMEOUT_MS = 60_000;

/** Time a run of `kills` broker kills may take in the worst case the budgets allow. */
export function brokerChaosTimeoutMs(kills: number): number {
  // The fleet's start; per kill: acks before, the death, acks while down, the restart, the ISR;
  // then acks after and the drain.
  return 60_000 + kills * (STEP_TIMEOUT_MS * 5 + 60_000) + STEP_TIMEOUT_MS * 3;
}

export async function runBrokerChaos(
  producer: KafkaProducer,
  cluster: { port: number; stateDir: string; brokers: string[] },
  fleetOptions: FleetOptions,
  plan: BrokerChaosPlan,
): Promise<BrokerChaosResult> {
  const { topic } = fleetOptions;
  const ledger = new DeliveryLedger();
  const fleet = new ConsumerFleet(fleetOptions, ledger);
  const acked: string[] = [];
  const ackTimes: number[] = [];
  const errors: string[] = [];
  let unacked = 0;
  let producing = true;

  // A paced load generator (not a wait on a condition): `rate` records a second in small sends.
  const load = (async () => {
    const startedAt = Date.now();
    for (let n = 0; producing; n += SEND_SIZE) {
      const records = keyedRecords(n, SEND_SIZE, plan.keys);
      try {
        await producer.send(topic, records);
        acked.push(...records.map((r) => r.value));
        ackTimes.push(Date.now());
      } catch (err) {
        unacked += records.length;
        errors.push((err as Error).message);
      }
      const due = startedAt + ((n + SEND_SIZE) * 1000) / plan.rate;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    }
  })();
  const ackedMore = async (what: string) => {
    const base = acked.length;
    await waitFor(what, () => acked.length >= base + plan.perPhase, {
      timeoutMs: STEP_TIMEOUT_MS,
      intervalMs: 20,
    });
  };
  const fullIsr = () =>
    withAdmin(async (admin) => {
      const [t] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      return t!.partitions.every((p) => p.isr.length === 3);
    }, cluster.brokers);

  const kills: BrokerKillFigures[] = [];
  try {
    await fleet.start();
    for (let k = 0; k < plan.kills; k++) {
      await ackedMore(`${plan.perPhase} records acknowledged before broker kill ${k + 1}`);
      const victim = readCluster(cluster)!.brokers[k % 3]!;
      const killedAt = Date.now();
      killBroker(victim);
      await waitFor(`broker ${victim.nodeId} to die`, () => !isAlive(victim.pid));
      await ackedMore(`${plan.perPhase} records acknowledged with broker ${victim.nodeId} down`);
      const produceStallMs = (ackTimes.find((t) => t > killedAt) ?? Date.now()) - killedAt;
      const restartedAt = Date.now();
      await restartBroker({ port: cluster.port, stateDir: cluster.stateDir, nodeId: victim.nodeId });
      if (plan.awaitIsr) {
        await waitFor(`broker ${victim.nodeId} back in every ISR`, fullIsr, {
          timeoutMs: 2 * STEP_TIMEOUT_MS,
          intervalMs: 500,
        });
      }
      kills.push({
        nodeId: victim.nodeId,
        produceStallMs,
        ...(plan.awaitIsr ? { isrRestoredMs: Date.now() - restartedAt } : {}),
      });
    }
    await ackedMore(`${plan.perPhase} records acknowledged after the restarts`);
    producing = false;
    await load;
    const ends = await endOffsets(topic, cluster.brokers);
    await waitFor(
      'every record in the log consumed',
      () => [...ends].every(([p, end]) => ledger.firstDelivered(p) >= Number(end)),
      { timeoutMs: 2 * STEP_TIMEOUT_MS, intervalMs: 100 },
    );
    const logRecords = [...ends.values()].reduce((sum, end) => sum + Number(end), 0);
    return { ledger, acked, unacked, errors, kills, logRecords };
  } finally {
    producing = false;
    fleet.killAll();
  }
}
