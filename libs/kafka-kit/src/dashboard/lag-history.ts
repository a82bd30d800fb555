import type { GroupLag } from '../lag/lag-sample.js';

/** One sample of one group, as the charts need it. */
interface HistoryPoint {
  /** Epoch ms of the lag sample. */
  at: number;
  /** Per `topic:partition`: offset lag, time lag (s) and committed offset, each null if unknown. */
  partitions: Map<string, { lag: number | null; timeLag: number | null; committed: bigint | null }>;
}

/** Series aligned on one time axis, as uPlot takes them: seconds, then one array per series. */
export interface ChartSeries {
  labels: string[];
  /** `[times (epoch s), ...one array per label]`; null where a series has no value. */
  data: (number | null)[][];
}

/**
 * The last `windowMs` of lag samples per group, for the partition charts and records/s. Fed
 * from the lag sampler's snapshots (one point per sample), so it costs the broker nothing.
 */
export class LagHistory {
  private readonly groups = new Map<string, HistoryPoint[]>();

  constructor(private readonly windowMs: number) {}

  record(group: GroupLag): void {
    const points = this.groups.get(group.groupId) ?? [];
    if (points.at(-1)?.at === group.sampledAt) return;
    points.push({
      at: group.sampledAt,
      partitions: new Map(
        group.partitions.map((p) => [
          `${p.topic}:${p.partition}`,
          {
            lag: p.lag,
            timeLag: p.timeLagSeconds,
            committed: p.committedOffset === null ? null : BigInt(p.committedOffset),
          },
        ]),
      ),
    });
    while (points.length > 0 && points[0]!.at < group.sampledAt - this.windowMs) points.shift();
    this.groups.set(group.groupId, points);
  }

  /** Offset lag (`'lag'`) or time lag (`'timeLag'`) of each partition over the window. */
  series(groupId: string, field: 'lag' | 'timeLag'): ChartSeries {
    const points = this.groups.get(groupId) ?? [];
    const labels = [...new Set(points.flatMap((p) => [...p.partitions.keys()]))].sort();
    return {
      labels,
      data: [
        points.map((p) => p.at / 1000),
        ...labels.map((label) => points.map((p) => p.partitions.get(label)?.[field] ?? null)),
      ],
    };
  }

  /**
   * Records committed per second between the last two samples, summed over partitions; null
   * until two samples exist. Commits are what Burrow judges, so this is the group's real pace.
   */
  recordsPerSecond(groupId: string): number | null {
    const points = this.groups.get(groupId) ?? [];
    const last = points.at(-1);
    const before = points.at(-2);
    if (!last || !before || last.at <= before.at) return null;
    let moved = 0n;
    for (const [id, now] of last.partitions) {
      const then = before.partitions.get(id)?.committed;
      if (now.committed !== null && then !== null && then !== undefined && now.committed > then)
        moved += now.committed - then;
    }
    return Number(moved) / ((last.at - before.at) / 1000);
  }
}
