import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown when another live process holds the PGlite directory. */
export class PgliteDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `PGlite directory ${dataDir} is open in process ${pid}: PGlite serves one process only. ` +
        'Run several instances against one server instead (DATABASE_URL: PostgreSQL, or `npm run db:serve`).',
    );
    this.name = 'PgliteDirInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes `<dataDir>/app.pid` for this process, so a second instance started by mistake on the
 * same directory fails at once with a reason instead of corrupting the database. A lock left by
 * a killed process (its pid no longer runs) is taken over. Returns the release function.
 */
export function lockPgliteDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'app.pid');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder !== process.pid && alive(holder)) throw new PgliteDirInUseError(dataDir, holder);
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}
