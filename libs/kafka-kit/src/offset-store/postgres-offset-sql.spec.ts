import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFSET_TABLE, offsetTableSql } from './postgres-offset-sql.js';

describe('offsetTableSql', () => {
  it('quotes a plain or schema-qualified table name in every statement', () => {
    const sql = offsetTableSql('app.Kafka_Offsets');
    for (const statement of [sql.create, sql.load, sql.save])
      expect(statement).toContain('"app"."Kafka_Offsets"');
    expect(offsetTableSql(DEFAULT_OFFSET_TABLE).create).toContain(
      'CREATE TABLE IF NOT EXISTS "kafka_offsets"',
    );
  });

  it('keys the table by group, topic and partition, and saves only forward of the record', () => {
    const sql = offsetTableSql('kafka_offsets');
    expect(sql.create).toContain('PRIMARY KEY (group_id, topic, partition)');
    expect(sql.save).toContain('WHERE o.next_offset <= $5::bigint');
  });

  it.each(['1offsets', 'a.b.c', 'offsets; DROP TABLE x', 'off-sets', '', 'x'.repeat(64)])(
    'refuses %j, which is not a plain name',
    (table) => {
      expect(() => offsetTableSql(table)).toThrow(/is not a plain name or schema\.name/);
    },
  );
});
