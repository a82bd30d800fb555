import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CLIENT_SCRIPT } from './client-script.js';
import { DASHBOARD_CSS } from './dashboard-style.js';

/** A file the dashboard serves: its text and content type (every asset is text). */
export interface DashboardAsset {
  body: string;
  type: string;
}

/**
 * The files a page loads: uPlot's script and stylesheet straight from node_modules (no CDN, so
 * the dashboard works offline and behind strict egress rules), and the dashboard's own script
 * and stylesheet. Read once at startup; a fixed list, so no request can name another file.
 */
export function loadDashboardAssets(): ReadonlyMap<string, DashboardAsset> {
  const require = createRequire(import.meta.url);
  const fromPackage = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
  return new Map([
    ['uPlot.iife.min.js', { body: fromPackage('uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' }],
    ['uPlot.min.css', { body: fromPackage('uPlot.min.css'), type: 'text/css; charset=utf-8' }],
    ['dashboard.js', { body: CLIENT_SCRIPT, type: 'text/javascript; charset=utf-8' }],
    ['dashboard.css', { body: DASHBOARD_CSS, type: 'text/css; charset=utf-8' }],
  ]);
}
