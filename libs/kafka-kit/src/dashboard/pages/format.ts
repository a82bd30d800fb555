import { TEXT } from '../dashboard.messages.js';
import { html, type SafeHtml } from '../html.js';

/** A verdict as a coloured badge (the colour is in dashboard.css, per Burrow status). */
export function badge(status: string | null): SafeHtml {
  const label = status ?? TEXT.notSampled;
  return html`<span class="badge badge-${status ?? 'NONE'}" data-verdict="${label}">${label}</span>`;
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : n.toLocaleString('en-US');
}

export function seconds(s: number | null, lowerBound = false): string {
  if (s === null) return '–';
  return `${lowerBound ? '≥ ' : ''}${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
}

export function rate(r: number | null): string {
  return r === null ? '–' : r < 10 ? r.toFixed(1) : Math.round(r).toLocaleString('en-US');
}

export function time(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A path segment: group ids and topic names may hold any character. */
export const seg = encodeURIComponent;
