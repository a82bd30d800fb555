// What a chaos run delivered, kept as the records arrive: each log position's first delivery and
// its repeats (redeliveries), a second copy of an id at another position (a producer-side
// duplicate), per-key order of first deliveries, and when each partition made progress. Pure, so
// the arithmetic the chaos tests assert on is unit-tested on its own.

/** One `handled` line of a consumer instance, stamped when the test read it. */
export interface Delivery {
  at: number;
  instance: number;
  partition: number;
  offset: string;
  /** `<key>/<seq>`: seq counts the records of one key from 0, in the order they were produced. */
  id: string;
}

/** The id of the `seq`-th record of `key`, as the chaos tests produce them. */
export function recordId(key: string, seq: number): string {
  return `${key}/${seq}`;
}

export class DeliveryLedger {
  private readonly firstAt = new Map<string, number>();
  private readonly positions = new Set<string>();
  private readonly highestSeqOfKey = new Map<string, number>();
  private readonly firstTimesOfPartition = new Map<number, number[]>();
  private readonly timesOfInstance = new Map<number, number[]>();
  /** Times of every delivery of a log position after its first (consumer-side duplicates). */
  readonly duplicateTimes: number[] = [];
  /** Ids found at a second log position: the producer wrote them twice. */
  readonly producerDuplicates: string[] = [];
  /** First deliveries of a record after a later record of its key was first delivered. */
  readonly orderViolations: string[] = [];
  deliveries = 0;

  add(d: Delivery): void {
    this.deliveries++;
    push(this.timesOfInstance, d.instance, d.at);
    const position = `${d.partition}:${d.offset}`;
    if (this.positions.has(position)) {
      this.duplicateTimes.push(d.at);
      return;
    }
    this.positions.add(position);
    push(this.firstTimesOfPartition, d.partition, d.at);
    if (this.firstAt.has(d.id)) {
      this.producerDuplicates.push(d.id);
      return;
    }
    this.firstAt.set(d.id, d.at);
    const slash = d.id.lastIndexOf('/');
    const key = d.id.slice(0, slash);
    const seq = Number(d.id.slice(slash + 1));
    const highest = this.highestSeqOfKey.get(key) ?? -1;
    if (seq < highest) this.orderViolations.push(`${d.id} first delivered after ${key}/${highest}`);
    else this.highestSeqOfKey.set(key, seq);
  }

  /** Distinct ids delivered. */
  get unique(): number {
    return this.firstAt.size;
  }

  /** Ids of `expected` never delivered. */
  missing(expected: Iterable<string>): string[] {
    return [...expected].filter((id) => !this.firstAt.has(id));
  }

  /** Distinct log positions of `partition` delivered so far. */
  firstDelivered(partition: number): number {
    return this.firstTimesOfPartition.get(partition)?.length ?? 0;
  }

  /** Deliveries (repeats included) by `instance` per second over the `windowMs` before `at`. */
  rateOf(instance: number, at: number, windowMs: number): number {
    const times = this.timesOfInstance.get(instance) ?? [];
    return (firstIndexAfter(times, at) - firstIndexAfter(times, at - windowMs)) / (windowMs / 1000);
  }

  /** Log positions first delivered in [from, to), over every partition (the group's progress). */
  firstDeliveriesBetween(from: number, to: number): number {
    let n = 0;
    for (const times of this.firstTimesOfPartition.values()) {
      n += firstIndexAfter(times, to - 1) - firstIndexAfter(times, from - 1);
    }
    return n;
  }

  /** Repeats delivered in [from, to). */
  duplicatesBetween(from: number, to: number): number {
    return firstIndexAfter(this.duplicateTimes, to - 1) - firstIndexAfter(this.duplicateTimes, from - 1);
  }

  /**
   * When every partition of `partitions` had first-delivered a record after `since` (the group
   * made new progress everywhere it had work left), or undefined while one has not.
   */
  progressedEverywhere(partitions: number[], since: number): number | undefined {
    let latest = since;
    for (const p of partitions) {
      const times = this.firstTimesOfPartition.get(p) ?? [];
      const i = firstIndexAfter(times, since);
      if (i === times.length) return undefined;
      latest = Math.max(latest, times[i]!);
    }
    return latest;
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index of the first element of the ascending `times` greater than `t`. */
function firstIndexAfter(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
