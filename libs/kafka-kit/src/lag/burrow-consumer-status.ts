// The JSON of Burrow's v3 HTTP API (GET /v3/kafka/{cluster}/consumer/{group}/status and /lag),
// so dashboards and scripts written for Burrow read this library's lag unchanged.
import type { StoredCommitSample } from './commit-window.js';
import type { GroupLag, PartitionLag } from './lag-sample.js';
import type { GroupLagStatus, PartitionLagStatus } from './lag-status.js';

/** A commit as Burrow prints it: offset, commit time (ms), and lag at that time. */
export interface BurrowOffset {
  /** The committed offset. */
  offset: number;
  /** When the commit was first seen, epoch ms (the admin API gives no commit time). */
  timestamp: number;
  /** The same time: when the sampler saw the commit. */
  observedAt: number;
  /** Lag at that commit (0 when unknown). */
  lag: number;
}

/** One partition in Burrow's consumer status. */
export interface BurrowPartitionStatus {
  /** The topic. */
  topic: string;
  /** The partition. */
  partition: number;
  /** Always empty: the sampler does not ask who owns it. */
  owner: string;
  /** Always empty, as `owner`. */
  client_id: string;
  /** Burrow's partition verdict (OK, WARN, STOP, STALL, REWIND), sharpened by this process's own signals. */
  status: PartitionLagStatus;
  /** The oldest commit in the window; `null` with no commit. */
  start: BurrowOffset | null;
  /** The newest commit in the window; `null` with no commit. */
  end: BurrowOffset | null;
  /** Offset lag now (0 when nothing is committed: Burrow has no unknown). */
  current_lag: number;
  /** How full the commit window is, 0..1. */
  complete: number;
}

/** Burrow's v3 consumer status response. */
export interface BurrowConsumerStatusResponse {
  /** `true` for an unknown group (with HTTP 404). */
  error: boolean;
  /** `consumer status returned` (or `consumer lag returned`), else `cluster or consumer not found`. */
  message: string;
  /** The group's evaluation. */
  status: {
    /** The cluster name from the URL (`local`). */
    cluster: string;
    /** The consumer group. */
    group: string;
    /** The group's verdict: NOTFOUND, OK, WARN or ERR. */
    status: GroupLagStatus;
    /** Mean window fullness, 0..1. */
    complete: number;
    /** Partitions not OK (`/status`), or all of them (`/lag`). */
    partitions: BurrowPartitionStatus[];
    /** Partitions of the group, all of them. */
    partition_count: number;
    /** The partition with the highest lag, or `null`. */
    maxlag: BurrowPartitionStatus | null;
    /** Sum of the partitions' lags. */
    totallag: number;
  };
  /** The request, as Burrow echoes it. */
  request: {
    /** The path asked for, e.g. `/v3/kafka/local/consumer/billing/status`. */
    url: string;
    /** Always empty. */
    host: string;
  };
}

/** How to render a group in Burrow's shape. */
export interface BurrowRenderOptions {
  /** The cluster name Burrow would use in its URLs. */
  cluster: string;
  /**
   * `false` for Burrow's `/status` (only partitions that are not OK), `true` for `/lag` (all).
   * @default false
   */
  allPartitions?: boolean;
}

const toBurrowOffset = (c: StoredCommitSample | undefined): BurrowOffset | null =>
  c === undefined
    ? null
    : { offset: Number(c.offset), timestamp: c.timestamp, observedAt: c.timestamp, lag: c.lag ?? 0 };

function toBurrowPartition(p: PartitionLag): BurrowPartitionStatus {
  return {
    topic: p.topic,
    partition: p.partition,
    owner: p.owner?.host ?? '',
    client_id: p.owner?.clientId ?? '',
    status: p.status,
    start: toBurrowOffset(p.window[0]),
    end: toBurrowOffset(p.window.at(-1)),
    // Burrow has no "unknown": a partition with nothing committed shows 0 there.
    current_lag: p.lag ?? 0,
    complete: p.complete,
  };
}

/**
 * A group's lag in Burrow's v3 consumer-status JSON. A group that was never sampled is
 * Burrow's 404 body: `error: true`, status `NOTFOUND`.
 */
export function toBurrowConsumerStatus(
  groupId: string,
  group: GroupLag | undefined,
  { cluster, allPartitions = false }: BurrowRenderOptions,
): BurrowConsumerStatusResponse {
  const all = (group?.partitions ?? []).map(toBurrowPartition);
  const suffix = allPartitions ? 'lag' : 'status';
  return {
    error: group === undefined,
    message: group === undefined ? 'cluster or consumer not found' : `consumer ${suffix} returned`,
    status: {
      cluster,
      group: groupId,
      status: group?.status ?? 'NOTFOUND',
      complete: group?.complete ?? 0,
      partitions: allPartitions ? all : all.filter((p) => p.status !== 'OK'),
      partition_count: all.length,
      maxlag: group?.maxLag ? toBurrowPartition(group.maxLag) : null,
      totallag: group?.totalLag ?? 0,
    },
    request: { url: `/v3/kafka/${cluster}/consumer/${groupId}/${suffix}`, host: '' },
  };
}
