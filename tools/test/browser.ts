// Debian's Chromium, driven by playwright-core: never a downloaded browser. A fresh profile per
// launch, and the flags that keep it from reaching for outside hosts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
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
