import { invalidOffsetTable } from './offset-store.messages.js';

/** The table PostgresOffsetStore uses unless told otherwise. */
export const DEFAULT_OFFSET_TABLE = 'kafka_offsets';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** The SQL of one offsets table: `table` is `name` or `schema.name`, plain identifiers only. */
export interface OffsetTableSql {
  create: string;
  load: string;
  save: string;
}

/** Builds the statements for `table`, quoted; refuses (throws) a name that is not plain identifiers. */
export function offsetTableSql(table: string): OffsetTableSql {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) throw new Error(invalidOffsetTable(table));
  const name = parts.map((p) => `"${p}"`).join('.');
  return {
    create:
      `CREATE TABLE IF NOT EXISTS ${name} (\n` +
      '  group_id    text        NOT NULL,\n' +
      '  topic       text        NOT NULL,\n' +
      '  partition   integer     NOT NULL,\n' +
      '  next_offset bigint      NOT NULL,\n' +
      '  updated_at  timestamptz NOT NULL DEFAULT now(),\n' +
      '  PRIMARY KEY (group_id, topic, partition)\n' +
      ')',
    load: `SELECT partition, next_offset::text AS next_offset FROM ${name} WHERE group_id = $1 AND topic = $2`,
    // The row lock serialises two consumers of one partition (a rebalance's old and new owner):
    // the second sees the first's offset and saves nothing, so its transaction rolls back.
    save:
      `INSERT INTO ${name} AS o (group_id, topic, partition, next_offset) VALUES ($1, $2, $3, $4::bigint)\n` +
      'ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()\n' +
      'WHERE o.next_offset <= $5::bigint\n' +
      'RETURNING 1 AS saved',
  };
}
