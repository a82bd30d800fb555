// Issue 16, parts 1 and 8: consumer instances of one group stopped one at a time (kill -9, or
// SIGTERM) and started again while they work through keyed records, then the rest drained.
// Measures what each stop cost: records delivered again (against the commit cadence's bound)
// and the time until every partition with work left made progress again.
import type { KafkaProducer } from 'nest-kafka-kit';
import { waitFor } from '../support.js';
import { pick } from './chaos-run.js';
import { ConsumerFleet, type FleetOptions } from './consumer-fleet.js';
import { DeliveryLedger } from './delivery-ledger.js';
import { keyedRecords, sendAll } from './keyed-records.js';

export interface ConsumerChaosPlan {
  records: number;
  keys: number;
  kills: number;
  /** How each instance is stopped: a crash, or the platform's polite stop. */
  signal: 'SIGKILL' | 'SIGTERM';
  /** Processed offsets are committed at least this often (the consumers' default). */
  commitIntervalMs: number;
}

export interface KillFigures {
  victim: number;
  /** What the victim handled per second just before it died. */
  victimRate: number;
  duplicates: number;
  /**
   * The cadence's bound: 2 commit intervals of the victim's work, plus 100. A kill can land just
   * before a commit whose own round trip, on a loaded machine, is part of the interval: 1.5 intervals
   * was exceeded by 10 records (440 against 430) in a CI run on two busy cores.
   */
  bound: number;
  recoverMs: number;
  /** How the victim's process ended: `signal SIGTERM`, `code 0`... */
  exit: string;
  /** ERROR lines the victim printed after the signal. */
  errorLines: string[];
}

export interface ConsumerChaosResult {
  ledger: DeliveryLedger;
  ids: string[];
  kills: KillFigures[];
  /** Repeats delivered before the first kill (joins and their rebalances). */
  duplicatesBeforeKills: number;
  elapsedMs: number;
}

/**
 * Budgets of each wait, well inside the test's own timeout (see `consumerChaosTimeoutMs`), so a
 * stall fails with the wait's name rather than as a bare test timeout.
 */
const STEP_TIMEOUT_MS = 60_000;
const DRAIN_TIMEOUT_MS = 120_000;

/** Time a run of `kills` kills may take in the worst case the budgets allow, plus the fleet's starts. */
export function consumerChaosTimeoutMs(kills: number): number {
  return 60_000 * 2 + kills * 2 * STEP_TIMEOUT_MS + DRAIN_TIMEOUT_MS;
}

/** Produces the plan's records, starts the fleet, kills and restarts, drains. */
export async function runConsumerChaos(
  producer: KafkaProducer,
  fleetOptions: FleetOptions,
  plan: ConsumerChaosPlan,
): Promise<ConsumerChaosResult> {
  const records = keyedRecords(0, plan.records, plan.keys);
  const ledger = new DeliveryLedger();
  const fleet = new ConsumerFleet(fleetOptions, ledger);
  let perPartition = new Map<number, number>();
  const startedAt = Date.now();
  const undrained = () => [...perPartition].filter(([p, n]) => ledger.firstDelivered(p) < n).map(([p]) => p);
  // Records handled between kills: a quarter of an even share, so the kills (and what is
  // handled while the group recovers) end well before the last records.
  const between = Math.floor(plan.records / (4 * (plan.kills + 1)));
  const kills: (Omit<KillFigures, 'duplicates' | 'bound'> & { at: number })[] = [];
  try {
    // The whole group first, then the records: every kill hits a group at full speed.
    await fleet.start();
    perPartition = await sendAll(producer, fleetOptions.topic, records);
    for (let k = 0; k < plan.kills; k++) {
      const base = ledger.unique;
      await waitFor(
        `${between} more records handled before kill ${k + 1}`,
        () => ledger.unique >= base + between || undrained().length === 0,
        { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 20 },
      );
      // All handled already: the run reports fewer kills than planned, and its test fails on it.
      if (undrained().length === 0) break;
      const victim = pick(fleet.size);
      const at = Date.now();
      const victimRate = ledger.rateOf(victim, at, 2000);
      const printedBefore = fleet.output(victim).length;
      const ended = await fleet.stop(victim, plan.signal);
      // Recovered once every partition with work left progressed after the victim was gone. Those
      // partitions are taken once it is gone, not when it was signalled: keys spread unevenly (the
      // smallest of 6 partitions holds a third of the largest), so one can be drained while the
      // victim stops, and would then never progress again.
      const goneAt = Date.now();
      const working = undrained();
      const exit = ended.signal ? `signal ${ended.signal}` : `code ${ended.code}`;
      // What the victim printed on its way out. kafkajs' own log of a broker's error answer
      // ("[Connection] Response Heartbeat ... rebalancing") is left out: its requester handles it.
      const errorLines = fleet
        .output(victim)
        .slice(printedBefore)
        .split('\n')
        .filter((line) => line.includes('ERROR') && !line.includes('[Connection] Response '));
      await fleet.startSlot(victim);
      const recoveredAt = await waitFor(
        `progress on partitions ${working.join(',')} after kill ${k + 1}`,
        () => ledger.progressedEverywhere(working, goneAt),
        { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 20 },
      );
      kills.push({ at, victim, victimRate, recoverMs: recoveredAt - at, exit, errorLines });
    }
    await waitFor(
      `every record delivered (partitions ${undrained().join(',')} were not)`,
      () => undrained().length === 0,
      {
        timeoutMs: DRAIN_TIMEOUT_MS,
        intervalMs: 100,
      },
    );
  } catch (err) {
    // A stalled run says which wait gave up and what each instance printed last, so a failure
    // in CI can be read from its log alone.
    throw new Error(`${(err as Error).message}\n${fleet.tails(15)}`, { cause: err });
  } finally {
    fleet.killAll();
  }
  const end = Date.now() + 1;
  return {
    ledger,
    ids: records.map((r) => r.value),
    duplicatesBeforeKills: ledger.duplicatesBetween(startedAt, kills[0]?.at ?? end),
    elapsedMs: end - startedAt,
    kills: kills.map(({ at, ...kill }, i) => ({
      ...kill,
      duplicates: ledger.duplicatesBetween(at, kills[i + 1]?.at ?? end),
      bound: Math.ceil((kill.victimRate * 2 * plan.commitIntervalMs) / 1000) + 100,
    })),
  };
}

/** The fixture's settings in both consumer runs: 2-5 ms handlers, 2 partitions at once each. */
export const CHAOS_CONSUMER_ENV = { HANDLER_MS: '2-5', CONCURRENCY: '2', SESSION_TIMEOUT_MS: '6000' };

/** A run's figures, for its one `[chaos]` line. */
export function consumerChaosFigures(run: ConsumerChaosResult, plan: ConsumerChaosPlan) {
  const { ledger, kills } = run;
  return {
    records: plan.records,
    signal: plan.signal,
    kills: kills.length,
    lost: ledger.missing(run.ids).length,
    duplicates: ledger.duplicateTimes.length,
    duplicatesBeforeKills: run.duplicatesBeforeKills,
    duplicatesPerKill: kills.map((k) => k.duplicates),
    boundPerKill: kills.map((k) => k.bound),
    recoverMs: kills.map((k) => k.recoverMs),
    exits: kills.map((k) => k.exit.replace(' ', ':')),
    orderViolations: ledger.orderViolations.length,
    producerDuplicates: ledger.producerDuplicates.length,
    elapsedS: Math.round(run.elapsedMs / 1000),
  };
}
