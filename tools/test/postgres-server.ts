// A throwaway PostgreSQL cluster for tests: initdb into a fresh temp dir, pg_ctl start on a
// loopback port, pg_ctl stop and remove the dir at the end. No system service, nothing left behind.
// PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` user that
// Debian's package creates.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Ports tried in turn. Below Linux's ephemeral range (32768-60999), where a client socket of the
 * suite could already hold the port; several suites on one machine each take the next free one.
 */
export const TEST_POSTGRES_PORTS = { first: 25432, count: 100 } as const;

export interface PostgresServer {
  /** `postgres://app@127.0.0.1:PORT/postgres`: superuser `app`, trust auth, loopback only. */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and keeps its data, so `resume` brings the same databases back (an outage). */
  halt(): Promise<void>;
  /** Starts a halted server again, on the same port. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The directory of initdb/pg_ctl: `PG_BIN`, else Debian's newest `/usr/lib/postgresql/N/bin`. */
export function postgresBinDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      `no PostgreSQL server binaries: ${root}/*/bin/initdb is missing. Install Debian's postgresql ` +
        'package (apt-get install -y postgresql), set PG_BIN to a dir holding initdb and pg_ctl, ' +
        'or set DATABASE_URL to a server you run.',
    );
  }
  return join(root, versions[0], 'bin');
}

interface RunAs {
  uid?: number;
  gid?: number;
}

async function postgresUser(): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const passwd = await readFile('/etc/passwd', 'utf8');
  const entry = passwd.split('\n').find((line) => line.startsWith('postgres:'));
  if (!entry) throw new Error('running as root, but there is no postgres user to run PostgreSQL as');
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Starts a fresh cluster on the first free port from `port` (default: the range above), retrying
 * the next one when another process takes it between the probe and the start.
 */
export async function startPostgres({ port }: { port?: number } = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const as = await postgresUser();
  const dataDir = await mkdtemp(join(tmpdir(), 'nkk-postgres-'));
  if (as.uid !== undefined) await chown(dataDir, as.uid, as.gid!);
  const opts = { ...as, cwd: dataDir };
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', dataDir, '-A', 'trust', '-U', 'app', '-E', 'UTF8', '--no-sync'],
      opts,
    );
    const candidates = port
      ? [port]
      : Array.from({ length: TEST_POSTGRES_PORTS.count }, (_, i) => TEST_POSTGRES_PORTS.first + i);
    for (const p of candidates) {
      if (!(await portIsFree(p))) continue;
      // fsync off: tests kill consumers, never the server, and it saves seconds per suite.
      const serverOpts = `-k ${dataDir} -h 127.0.0.1 -p ${p} -c fsync=off -c max_connections=200`;
      const logFile = join(dataDir, `server-${p}.log`);
      try {
        await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-o', serverOpts, '-l', logFile, '-w', 'start'], opts);
      } catch (err) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        if (/could not bind|already in use/i.test(log) && !port) continue;
        throw new Error(`pg_ctl start failed on port ${p}: ${String(err)}\n${log}`);
      }
      const ctl = (args: string[]) => run(join(bin, 'pg_ctl'), ['-D', dataDir, ...args], opts);
      return {
        url: `postgres://app@127.0.0.1:${p}/postgres`,
        port: p,
        dataDir,
        halt: () => ctl(['-m', 'fast', '-w', 'stop']).then(() => undefined),
        resume: () => ctl(['-o', serverOpts, '-l', logFile, '-w', 'start']).then(() => undefined),
        stop: async () => {
          await run(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop'], opts).catch(
            () => undefined,
          );
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    }
    throw new Error(`no free port for PostgreSQL in ${candidates[0]}-${candidates[candidates.length - 1]}`);
  } catch (err) {
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
}
