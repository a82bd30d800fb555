/**
 * Whether a Node.js version satisfies an npm `engines.node` range, for the ranges packages write:
 * alternatives joined by `||`, each a set of comparators (`>=`, `>`, `<=`, `<`, `=` or a bare
 * version, `x.y` meaning `x.y.0`). A range outside that form answers undefined: not understood.
 */
export function satisfiesEngines(version: string, range: string): boolean | undefined {
  const v = parts(version.replace(/^v/, ''));
  if (!v) return undefined;
  let any = false;
  for (const alternative of range.split('||')) {
    const comparators = alternative
      .trim()
      .replace(/([<>=]+)\s+/g, '$1')
      .split(/\s+/);
    let all = true;
    for (const c of comparators) {
      const m = /^(>=|<=|>|<|=)?v?(\d+(?:\.\d+){0,2})$/.exec(c);
      if (!m) return undefined;
      const order = compare(v, parts(m[2]!)!);
      const op = m[1] ?? '=';
      const ok =
        op === '>='
          ? order >= 0
          : op === '>'
            ? order > 0
            : op === '<='
              ? order <= 0
              : op === '<'
                ? order < 0
                : order === 0;
      all &&= ok;
    }
    any ||= all;
  }
  return any;
}

function parts(text: string): number[] | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
