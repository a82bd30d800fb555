import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brokenLinks } from './check-links.mjs';

let site: string;
afterEach(() => rmSync(site, { recursive: true, force: true }));

function page(path: string, html: string) {
  mkdirSync(join(site, path, '..'), { recursive: true });
  writeFileSync(join(site, path), html);
}

describe('brokenLinks', () => {
  it('finds links to missing files and missing anchors, and nothing else', () => {
    site = mkdtempSync(join(tmpdir(), 'site-'));
    page(
      'index.html',
      '<a href="documents/A_(b).html#real">ok</a> <a href="https://example.com">out</a> <a href="#">top</a>',
    );
    page(
      'documents/A_(b).html',
      '<h2 id="real">R</h2><a href="../index.html">up</a><a href="#real">self</a>' +
        '<a href="../index.html#gone">bad anchor</a><a href="Missing.html">bad file</a><img src="../media/x.png">',
    );
    const { broken, checked, pages } = brokenLinks(site);
    expect(pages).toBe(2);
    expect(checked).toBe(6);
    expect(broken).toEqual([
      { page: join('documents', 'A_(b).html'), link: '../index.html#gone', why: 'no anchor #gone' },
      { page: join('documents', 'A_(b).html'), link: 'Missing.html', why: 'no such file' },
      { page: join('documents', 'A_(b).html'), link: '../media/x.png', why: 'no such file' },
    ]);
  });
});
