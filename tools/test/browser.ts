// Debian's Chromium, driven by playwright-core: never a downloaded browser. A fresh profile per
// launch, and the flags that keep it from reaching for outside hosts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser as Chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Chromium for many separate viewers: each `newContext()` is a profile of its own (its own
 * cookies and connection pool), as if on another machine. Playwright gives the launch a fresh,
 * empty user-data-dir and removes it on close.
 */
export function launchChromium(): Promise<Chromium> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium. `headers` go with every request, `httpCredentials` answer an
 * HTTP Basic prompt: the two ways a test signs in.
 */
export async function openBrowser(
  headers: Record<string, string> = {},
  httpCredentials?: { username: string; password: string },
): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'nkk-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    extraHTTPHeaders: headers,
    ...(httpCredentials ? { httpCredentials } : {}),
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
