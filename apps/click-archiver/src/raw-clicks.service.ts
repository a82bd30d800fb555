import { Injectable } from '@nestjs/common';
import { Database, type ClickEventDto } from '@nest-kafka-kit/app-support';

/** The raw click table: an append-only copy of click_log. */
@Injectable()
export class RawClicksService {
  constructor(private readonly db: Database) {}

  /**
   * Appends one batch of a partition in one statement (one round trip, one transaction);
   * records already archived (same topic, partition and offset) are left as they are.
   * Returns how many rows were new.
   */
  async append(
    topic: string,
    partition: number,
    offsets: string[],
    clicks: ClickEventDto[],
  ): Promise<number> {
    const { rows } = await this.db.query<{ inserted: number }>(
      `WITH added AS (
         INSERT INTO raw_clicks (topic, partition, "offset", user_id, page, referrer, clicked_at)
         SELECT $1, $2, o, u, p, r, to_timestamp(a / 1000.0)
           FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::bigint[]) AS t(o, u, p, r, a)
         ON CONFLICT (topic, partition, "offset") DO NOTHING
         RETURNING 1)
       SELECT count(*)::int AS inserted FROM added`,
      [
        topic,
        partition,
        offsets,
        clicks.map((c) => c.userId),
        clicks.map((c) => c.page),
        clicks.map((c) => c.referrer ?? null),
        clicks.map((c) => c.at),
      ],
    );
    return rows[0]!.inserted;
  }

  /** How many clicks are archived, in all or for one topic. */
  async count(topic?: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM raw_clicks WHERE $1::text IS NULL OR topic = $1',
      [topic ?? null],
    );
    return rows[0]!.n;
  }
}
