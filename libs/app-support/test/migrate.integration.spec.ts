// Several instances starting at once against one new database (two aggregators and the archiver
// in the pipeline test) each run migrate(): on real PostgreSQL every one must succeed and apply
// each file once. Before the table was created under the advisory lock, two of them raced on
// CREATE TABLE IF NOT EXISTS and one stopped its app ("duplicate key ... pg_type_typname_nsp_index").
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { migrate } from '../src/db/migrate.js';
import { PostgresDatabase } from '../src/db/postgres-database.js';
import { freshDatabase } from '../../../tools/test/postgres.js';

describe('migrate', () => {
  it('applies each file once when four instances start at once on a new database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
    writeFileSync(join(dir, '001_counts.sql'), 'CREATE TABLE counts (n int NOT NULL);');
    writeFileSync(join(dir, '002_seed.sql'), 'INSERT INTO counts (n) VALUES (1);');
    const url = await freshDatabase('migrate');
    const dbs = Array.from({ length: 4 }, () => new PostgresDatabase(url));
    try {
      const applied = await Promise.all(dbs.map((db) => migrate(db, 'app', pathToFileURL(`${dir}/`))));
      expect(applied.flat().sort()).toEqual(['001_counts.sql', '002_seed.sql']);
      const { rows } = await dbs[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM counts');
      expect(rows[0]!.n).toBe(1);
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
    }
  });
});
