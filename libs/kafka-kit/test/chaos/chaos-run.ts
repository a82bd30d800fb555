// Short or full: CI runs the short chaos tests (a few thousand records, one or two kills);
// `npm run test:chaos` sets CHAOS_FULL=1 for the full runs. Each run prints its figures as one
// line, which the README's reliability section quotes.

export const CHAOS_FULL = process.env.CHAOS_FULL === '1';

/** Prints `[chaos] <name> k=v k=v ...`, arrays joined with commas. */
export function reportRun(
  name: string,
  figures: Record<string, number | string | (number | string)[]>,
): string {
  const fields = Object.entries(figures).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`);
  const line = `[chaos] ${name} ${fields.join(' ')}`;
  console.log(line);
  return line;
}

/** A random integer in [0, n). */
export function pick(n: number): number {
  return Math.floor(Math.random() * n);
}
