import { Injectable } from '@nestjs/common';
import { Database } from '@nest-kafka-kit/app-support';
import type { ClickEventDto } from '@nest-kafka-kit/app-support';

/** Where a record came from: the key of its effect. */
export interface RecordPosition {
  topic: string;
  partition: number;
  offset: string;
}

export interface ClickStats {
  from: string | null;
  to: string | null;
  total: number;
  pages: Record<string, number>;
  windows: { minute: string; page: string; clicks: number }[];
}

/**
 * Clicks per page per minute in PostgreSQL, each record counted exactly once: its count and its
 * partition's next offset change in one transaction, and a record below that offset (a
 * redelivery after a crash, or after another instance took the partition over) changes nothing.
 */
@Injectable()
export class ClickCountsService {
  constructor(private readonly db: Database) {}

  /** Counts the click once; false when this record was counted before. */
  add(groupId: string, click: ClickEventDto, at: RecordPosition): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ next_offset: number }>(
        `SELECT next_offset FROM click_counts_offsets
          WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
        [groupId, at.topic, at.partition],
      );
      if (rows[0] && Number(at.offset) < rows[0].next_offset) return false;
      await tx.query(
        `INSERT INTO click_counts (page, minute, clicks)
         VALUES ($1, date_trunc('minute', to_timestamp($2::bigint / 1000.0)), 1)
         ON CONFLICT (page, minute) DO UPDATE SET clicks = click_counts.clicks + 1`,
        [click.page, click.at],
      );
      await tx.query(
        `INSERT INTO click_counts_offsets (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4)
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset`,
        [groupId, at.topic, at.partition, Number(at.offset) + 1],
      );
      return true;
    });
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
