import { Injectable } from '@nestjs/common';
import { Database, type ClickEventDto, type Queryable } from '@nest-kafka-kit/app-support';

export interface ClickStats {
  from: string | null;
  to: string | null;
  total: number;
  pages: Record<string, number>;
  windows: { minute: string; page: string; clicks: number }[];
}

/** Clicks per page per minute in PostgreSQL. */
@Injectable()
export class ClickCountsService {
  constructor(private readonly db: Database) {}

  /**
   * Counts a batch of clicks in `tx` (the offset store's transaction, which also saves the batch's
   * offset) in one statement: one round trip whatever the batch size. The clicks are summed per
   * page and minute first, as one upsert may not touch a row twice. Rows are written in one
   * order (minute, page) by every transaction: two batches counting the same windows at once
   * (two partitions, or two instances) then wait for each other's row locks instead of
   * deadlocking, which PostgreSQL breaks by failing one of them.
   */
  async add(tx: Queryable, clicks: readonly ClickEventDto[]): Promise<void> {
    const windows = new Map<string, { page: string; minute: number; clicks: number }>();
    for (const click of clicks) {
      const minute = Math.floor(click.at / 60_000) * 60_000;
      const key = `${minute} ${click.page}`;
      const window = windows.get(key) ?? windows.set(key, { page: click.page, minute, clicks: 0 }).get(key)!;
      window.clicks++;
    }
    const rows = [...windows.values()];
    await tx.query(
      `INSERT INTO click_counts (page, minute, clicks)
       SELECT p, to_timestamp(m / 1000.0), n FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS t(p, m, n)
       ORDER BY m, p
       ON CONFLICT (page, minute) DO UPDATE SET clicks = click_counts.clicks + EXCLUDED.clicks`,
      [rows.map((r) => r.page), rows.map((r) => r.minute), rows.map((r) => r.clicks)],
    );
  }

  /** Counts of the minute windows in [from, to) (either bound optional), per page and per window. */
  async stats(from?: Date, to?: Date): Promise<ClickStats> {
    const { rows } = await this.db.query<{ minute: Date; page: string; clicks: number }>(
      `SELECT minute, page, clicks FROM click_counts
        WHERE ($1::timestamptz IS NULL OR minute >= $1) AND ($2::timestamptz IS NULL OR minute < $2)
        ORDER BY minute, page`,
      [from?.toISOString() ?? null, to?.toISOString() ?? null],
    );
    const pages: Record<string, number> = {};
    for (const r of rows) pages[r.page] = (pages[r.page] ?? 0) + r.clicks;
    return {
      from: from?.toISOString() ?? null,
      to: to?.toISOString() ?? null,
      total: rows.reduce((sum, r) => sum + r.clicks, 0),
      pages,
      windows: rows.map((r) => ({
        minute: new Date(r.minute).toISOString(),
        page: r.page,
        clicks: r.clicks,
      })),
    };
  }
}
