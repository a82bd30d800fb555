#!/usr/bin/env node
// Checks every link of the built documentation site: each relative href or src must name a file
// of the site, and each #fragment an id (or name) in that file. TypeDoc validates the links it
// writes from Markdown and TSDoc; this checks the HTML it emits, its own navigation included.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

function htmlFiles(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html'))
    .map((f) => join(dir, f));
}

function anchorsOf(html) {
  return new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]));
}

/** Every broken link of the site in `siteDir`: `{ page, link, why }`, and how many were checked. */
export function brokenLinks(siteDir) {
  const pages = htmlFiles(siteDir);
  const anchors = new Map();
  const anchorsFor = (file) => {
    if (!anchors.has(file)) anchors.set(file, anchorsOf(readFileSync(file, 'utf8')));
    return anchors.get(file);
  };
  const broken = [];
  let checked = 0;
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const [, link] of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      if (link === '' || link === '#' || EXTERNAL.test(link)) continue;
      checked++;
      const [path, fragment] = link.split('#', 2);
      const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path.split('?')[0]));
      const where = relative(siteDir, page);
      if (!existsSync(target)) broken.push({ page: where, link, why: 'no such file' });
      else if (fragment && target.endsWith('.html') && !anchorsFor(target).has(decodeURIComponent(fragment)))
        broken.push({ page: where, link, why: `no anchor #${fragment}` });
    }
  }
  return { broken, checked, pages: pages.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const siteDir = resolve(process.argv[2] ?? 'docs/.site');
  if (!existsSync(join(siteDir, 'index.html'))) {
    console.error(`no site in ${siteDir}: run typedoc first`);
    process.exit(1);
  }
  const { broken, checked, pages } = brokenLinks(siteDir);
  for (const b of broken) console.error(`${b.page}: ${b.link} (${b.why})`);
  console.log(`checked ${checked} links in ${pages} pages: ${broken.length} broken`);
  process.exitCode = broken.length > 0 ? 1 : 0;
}
