// Gives the integration suite a real PostgreSQL server: DATABASE_URL if set, else a throwaway
// cluster started here (initdb + pg_ctl, see postgres-server.ts) and stopped when the suite ends.
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.DATABASE_URL;
  if (given) {
    console.log(`[postgres] using DATABASE_URL`);
    project.provide('postgresUrl', given);
    return undefined;
  }
  const t0 = Date.now();
  const server = await startPostgres();
  console.log(`[postgres] started a throwaway cluster at ${server.url} in ${Date.now() - t0} ms`);
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
