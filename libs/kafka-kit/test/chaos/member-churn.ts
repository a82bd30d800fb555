// Issue 12: the members of a group of consumer instances killed -9 one every few seconds (each
// restarted at once) for a fixed time, while a producer keeps a backlog ahead of the group: how
// many records the group still handles per minute through such churn, against its rate in a calm
// window just before, and what the churn cost (redeliveries, recovery after the last kill). Run
// per Kafka client and group protocol, to compare the classic protocol with KIP-848.
import type { KafkaProducer } from 'nest-kafka-kit';
import { waitFor } from '../support.js';
import { pick } from './chaos-run.js';
import { ConsumerFleet, type FleetOptions } from './consumer-fleet.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { keyedRecords } from './keyed-records.js';

export interface ChurnPlan {
  keys: number;
  /** Records handled after the fleet started, before the calm window (the joins settle). */
  warmup: number;
  /** The window without kills whose rate the chaos phase is compared with. */
  calmMs: number;
  /** The chaos phase: one kill -9 every `killEveryMs`, the first at its start, for this long. */
  chaosMs: number;
  killEveryMs: number;
  /** Records the producer keeps sent and not yet handled, so the group never waits for work. */
  backlog: number;
}

/** A Kafka client and group protocol, as the fixture reads them (KAFKA_DRIVER, KAFKA_GROUP_PROTOCOL). */
export interface Contender {
  driver: 'kafkajs' | 'platformatic';
  groupProtocol: 'classic' | 'consumer';
}

export const CONTENDERS: Contender[] = [
  { driver: 'platformatic', groupProtocol: 'classic' },
  { driver: 'platformatic', groupProtocol: 'consumer' },
  { driver: 'kafkajs', groupProtocol: 'classic' },
];

export const contenderName = (c: Contender): string =>
  `${c.driver}-${c.groupProtocol === 'consumer' ? 'kip848' : 'classic'}`;

export interface ChurnResult {
  ledger: DeliveryLedger;
  ids: string[];
  kills: number;
  /** Kill times passed over because no instance was ready (every one still starting). */
  skipped: number;
  calmPerMin: number;
  chaosPerMin: number;
  /** Repeats delivered from the chaos phase's start to the end of the drain. */
  duplicates: number;
  /** Repeats before the chaos phase (the fleet's joins). */
  duplicatesBeforeChaos: number;
  /** From the last kill until every partition with records left first-delivered a record after it. */
  recoverMs: number;
}

/** Sends of this many records, as many as the backlog lets through. */
const SEND_SIZE = 500;
const STEP_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 180_000;

/** The worst case the budgets allow: start, warmup, the phases, restarts, recovery, drain. */
export function churnTimeoutMs(plan: ChurnPlan): number {
  return STEP_TIMEOUT_MS * 4 + plan.calmMs + plan.chaosMs + DRAIN_TIMEOUT_MS;
}

/** Resolves at `t`: the run's schedule (kills every few seconds), not a wait on a condition. */
const until = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

const perMinute = (records: number, fromMs: number, toMs: number) =>
  Math.round((records * 60_000) / (toMs - fromMs));

export async function runMemberChurn(
  producer: KafkaProducer,
  fleetOptions: FleetOptions,
  plan: ChurnPlan,
): Promise<ChurnResult> {
  const ledger = new DeliveryLedger();
  const fleet = new ConsumerFleet(fleetOptions, ledger);
  const ids: string[] = [];
  const perPartition = new Map<number, number>();
  const undrained = () => [...perPartition].filter(([p, n]) => ledger.firstDelivered(p) < n).map(([p]) => p);
  let producing = true;
  let loadFailure: Error | undefined;
  // A load generator that tops the backlog up, polling every 20 ms while it is full.
  const load = (async () => {
    while (producing) {
      if (ids.length - ledger.unique >= plan.backlog) {
        await until(Date.now() + 20);
        continue;
      }
      const records = keyedRecords(ids.length, SEND_SIZE, plan.keys);
      for (const { partition } of await producer.send(fleetOptions.topic, records)) {
        perPartition.set(partition, (perPartition.get(partition) ?? 0) + 1);
      }
      ids.push(...records.map((r) => r.value));
    }
  })().catch((err: Error) => {
    loadFailure = err;
  });
  const restarts: Promise<Error | undefined>[] = [];
  const startedAt = Date.now();
  try {
    await fleet.start();
    await waitFor(
      `${plan.warmup} records handled before the calm window`,
      () => ledger.unique >= plan.warmup,
      {
        timeoutMs: STEP_TIMEOUT_MS,
        intervalMs: 20,
      },
    );
    const calmAt = Date.now();
    await until(calmAt + plan.calmMs);
    const chaosAt = Date.now();
    const chaosEnd = chaosAt + plan.chaosMs;
    let kills = 0;
    let skipped = 0;
    let last: { at: number; goneAt: number; working: number[] } | undefined;
    for (let due = chaosAt; due < chaosEnd; due += plan.killEveryMs) {
      await until(due);
      const ready = fleet.ready();
      if (ready.length === 0) {
        skipped++;
        continue;
      }
      const victim = ready[pick(ready.length)]!;
      const at = Date.now();
      await fleet.stop(victim, 'SIGKILL');
      // The partitions with work left once the victim is gone (see consumer-chaos.ts).
      last = { at, goneAt: Date.now(), working: undrained() };
      kills++;
      // Restarted at once, as a deployment replaces a crashed pod; the next kill does not wait for it.
      restarts.push(
        fleet.startSlot(victim).then(
          () => undefined,
          (err: Error) => err,
        ),
      );
    }
    await until(chaosEnd);
    const calmPerMin = perMinute(ledger.firstDeliveriesBetween(calmAt, chaosAt), calmAt, chaosAt);
    const chaosPerMin = perMinute(ledger.firstDeliveriesBetween(chaosAt, chaosEnd), chaosAt, chaosEnd);
    producing = false;
    await load;
    if (loadFailure) throw new Error(`the load generator's send failed: ${loadFailure.message}`);
    for (const failed of await Promise.all(restarts)) if (failed) throw failed;
    const recoveredAt = last
      ? await waitFor(
          `progress on partitions ${last.working.join(',')} after the last kill`,
          () => ledger.progressedEverywhere(last.working, last.goneAt),
          { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 20 },
        )
      : undefined;
    await waitFor(
      `every record delivered (partitions ${undrained().join(',')} were not)`,
      () => undrained().length === 0,
      { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: 100 },
    );
    return {
      ledger,
      ids,
      kills,
      skipped,
      calmPerMin,
      chaosPerMin,
      duplicates: ledger.duplicatesBetween(chaosAt, Date.now() + 1),
      duplicatesBeforeChaos: ledger.duplicatesBetween(startedAt, chaosAt),
      recoverMs: last && recoveredAt ? recoveredAt - last.at : -1,
    };
  } catch (err) {
    // A stalled run says which wait gave up and what each instance printed last.
    throw new Error(`${(err as Error).message}\n${fleet.tails(15)}`, { cause: err });
  } finally {
    producing = false;
    await load;
    await Promise.all(restarts);
    fleet.killAll();
  }
}

/** A run's figures, for its one `[chaos]` line. */
export function churnFigures(run: ChurnResult, plan: ChurnPlan, contender: Contender) {
  const { ledger } = run;
  return {
    contender: contenderName(contender),
    chaosS: plan.chaosMs / 1000,
    killEveryS: plan.killEveryMs / 1000,
    kills: run.kills,
    skippedKills: run.skipped,
    calmPerMin: run.calmPerMin,
    chaosPerMin: run.chaosPerMin,
    chaosVsCalm: (run.chaosPerMin / run.calmPerMin).toFixed(2),
    records: run.ids.length,
    lost: ledger.missing(run.ids).length,
    duplicates: run.duplicates,
    duplicatesPerKill: run.kills ? Math.round(run.duplicates / run.kills) : 0,
    duplicatesBeforeChaos: run.duplicatesBeforeChaos,
    recoverAfterLastKillMs: run.recoverMs,
    orderViolations: ledger.orderViolations.length,
    producerDuplicates: ledger.producerDuplicates.length,
  };
}
