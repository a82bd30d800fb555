// Offset lag as `kafka-consumer-groups --describe` reports it: log-end offset minus committed
// offset (a committed offset is already the next one to read, so no +1). kafkajs hands offsets
// over as decimal strings because they are 64-bit; they are subtracted as BigInt so offsets past
// 2^53 stay exact.

/** An offset as kafkajs returns it (decimal string) or as a caller may already hold it. */
export type OffsetLike = string | number | bigint;

const INTEGER = /^-?\d+$/;

/**
 * Parses an offset exactly. Negative values (kafkajs reports `'-1'` for "no committed offset")
 * give `null`. Throws a `RangeError` for text that is not an integer and for numbers that are not
 * safe integers, since those have already lost precision.
 */
export function parseOffset(raw: OffsetLike): bigint | null {
  let value: bigint;
  if (typeof raw === 'bigint') {
    value = raw;
  } else if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw)) throw new RangeError(`Offset ${raw} is not a safe integer`);
    value = BigInt(raw);
  } else {
    const text = raw.trim();
    if (!INTEGER.test(text)) throw new RangeError(`Offset ${JSON.stringify(raw)} is not an integer`);
    value = BigInt(text);
  }
  return value < 0n ? null : value;
}

/**
 * Offset lag of one partition: `logEndOffset - committedOffset`, in messages.
 *
 * Returns `null` (unknown, not zero) when the group has no committed offset (`'-1'`). A committed
 * offset ahead of the log-end offset gives 0: the end offset was sampled before the commit, and
 * Burrow treats that case the same way.
 */
export function computeLag(logEndOffset: OffsetLike, committedOffset: OffsetLike): number | null {
  const end = parseOffset(logEndOffset);
  const committed = parseOffset(committedOffset);
  if (end === null || committed === null) return null;
  // The difference is exact; it only becomes a Number here, and no partition holds 2^53 messages.
  return committed >= end ? 0 : Number(end - committed);
}

/** Totals of {@link summarizeLag}. */
export interface LagSummary<T> {
  /** Sum of the known lags; partitions with unknown lag are left out. */
  readonly totalLag: number;
  /** The partition with the highest known lag (the first one on a tie), or `null` if none is known. */
  readonly maxLag: T | null;
  /** How many partitions had unknown lag and were left out of `totalLag` and `maxLag`. */
  readonly unknownLagPartitions: number;
}

/**
 * Total and maximum lag across partitions.
 *
 * A partition with unknown lag (`null`: no committed offset) is left out of the total rather than
 * counted as 0 or -1; this is kafka_exporter's choice for `kafka_consumergroup_lag_sum` (it reports
 * -1 per partition and skips it in the sum). `unknownLagPartitions` says how many were skipped.
 */
export function summarizeLag<T extends { readonly lag: number | null }>(
  partitions: readonly T[],
): LagSummary<T> {
  let totalLag = 0;
  let maxLag: T | null = null;
  let highest = -1;
  let unknownLagPartitions = 0;
  for (const partition of partitions) {
    if (partition.lag === null) {
      unknownLagPartitions++;
      continue;
    }
    totalLag += partition.lag;
    // Strictly greater keeps the first partition on a tie, as Burrow's maxlag does.
    if (partition.lag > highest) {
      highest = partition.lag;
      maxLag = partition;
    }
  }
  return { totalLag, maxLag, unknownLagPartitions };
}
