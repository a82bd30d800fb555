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

  /** Counts the click in `tx`: the offset store's transaction, which also saves its offset. */
  async add(tx: Queryable, click: ClickEventDto): Promise<void> {
    await tx.query(
      `INSERT INTO click_counts (page, minute, clicks)
       VALUES ($1, date_trunc('minute', to_timestamp($2::bigint / 1000.0)), 1)
       ON CONFLICT (page, minute) DO UPDATE SET clicks = click_counts.clicks + 1`,
      [click.page, click.at],
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
