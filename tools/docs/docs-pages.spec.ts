// The site is built from docs/index.md and the pages its `children` (and theirs) list: a page in
// docs/ that no list names would not be built, and a link to it would serve raw Markdown.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');

function children(page: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(docs, page), 'utf8'))?.[1] ?? '';
  const list = /^children:\n((?: {2}- .+\n?)+)/m.exec(front)?.[1] ?? '';
  return [...list.matchAll(/- (.+)/g)].map((m) => normalize(join(dirname(page), m[1]!.trim())));
}

describe('docs pages', () => {
  it('are all reachable from docs/index.md', () => {
    const reached = new Set<string>();
    const visit = (page: string) => {
      if (reached.has(page)) return;
      reached.add(page);
      children(page).forEach(visit);
    };
    visit('index.md');
    const pages = readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.md') && !f.startsWith('.'),
    );
    expect(pages.filter((p) => !reached.has(p)).sort()).toEqual([]);
    expect([...reached].filter((p) => !pages.includes(p))).toEqual([]);
  });
});
