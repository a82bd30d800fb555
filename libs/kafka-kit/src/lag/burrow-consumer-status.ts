// The JSON of Burrow's v3 HTTP API (GET /v3/kafka/{cluster}/consumer/{group}/status and /lag),
// so dashboards and scripts written for Burrow read this library's lag unchanged.
import type { StoredCommitSample } from './commit-window.js';
import type { GroupLag, PartitionLag } from './lag-sample.js';
import type { GroupLagStatus, PartitionLagStatus } from './lag-status.js';

/** A commit as Burrow prints it: offset, commit time (ms), and lag at that time. */
export interface BurrowOffset {
  offset: number;
  timestamp: number;
  observedAt: number;
  lag: number;
}

/** One partition in Burrow's consumer status. */
export interface BurrowPartitionStatus {
  topic: string;
  partition: number;
  owner: string;
  client_id: string;
  status: PartitionLagStatus;
  start: BurrowOffset | null;
  end: BurrowOffset | null;
  current_lag: number;
  complete: number;
}

/** Burrow's v3 consumer status response. */
export interface BurrowConsumerStatusResponse {
  error: boolean;
  message: string;
  status: {
    cluster: string;
    group: string;
    status: GroupLagStatus;
    complete: number;
    partitions: BurrowPartitionStatus[];
    partition_count: number;
    maxlag: BurrowPartitionStatus | null;
    totallag: number;
  };
  request: { url: string; host: string };
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
