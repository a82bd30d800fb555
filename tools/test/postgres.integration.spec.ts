// The suite's PostgreSQL: a real server, and a separate database per freshDatabase() call.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './postgres.js';

describe('freshDatabase()', () => {
  const clients: pg.Client[] = [];
  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    return client;
  }
  let a: pg.Client;
  let b: pg.Client;

  beforeAll(async () => {
    a = await connect(await freshDatabase('infra'));
    b = await connect(await freshDatabase('infra'));
  });
  afterAll(() => Promise.all(clients.map((c) => c.end())));

  it('connects to a real PostgreSQL server', async () => {
    const { rows } = await a.query<{ version: string }>('SELECT version()');
    expect(rows[0].version).toMatch(/^PostgreSQL \d+/);
  });

  it('gives each call an empty database of its own', async () => {
    await a.query('CREATE TABLE only_in_a (id int)');
    const { rows } = await b.query(`SELECT 1 FROM pg_tables WHERE tablename = 'only_in_a'`);
    expect(rows).toHaveLength(0);
    const mine = await a.query(`SELECT current_database() AS name`);
    const theirs = await b.query(`SELECT current_database() AS name`);
    expect(mine.rows[0].name).not.toBe(theirs.rows[0].name);
  });
});
