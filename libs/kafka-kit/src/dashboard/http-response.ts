import { CSRF_COOKIE, readCookie, type CsrfTokens } from './csrf.js';

/**
 * The page's Content-Security-Policy: scripts and styles only from the dashboard's own assets,
 * no inline script, no frames. Record contents are escaped anyway; this is the second wall.
 */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The part of a request the dashboard reads (Express and Fastify both have it). */
export interface DashboardRequest {
  headers: Record<string, string | string[] | undefined>;
}

/** The part of a response the dashboard writes: Express' setHeader or Fastify's header. */
export interface DashboardResponse {
  setHeader?(name: string, value: string): unknown;
  header?(name: string, value: string): unknown;
}

export function setHeader(res: DashboardResponse, name: string, value: string): void {
  if (typeof res.setHeader === 'function') res.setHeader(name, value);
  else res.header?.(name, value);
}

export function cookieHeader(req: DashboardRequest): string | undefined {
  const c = req.headers.cookie;
  return Array.isArray(c) ? c.join('; ') : c;
}

/** Headers of every page; returns the CSRF token its forms carry (the cookie's, or a new one). */
export function preparePage(
  req: DashboardRequest,
  res: DashboardResponse,
  tokens: CsrfTokens,
  base: string,
): string {
  setHeader(res, 'Content-Type', 'text/html; charset=utf-8');
  setHeader(res, 'Content-Security-Policy', DASHBOARD_CSP);
  setHeader(res, 'X-Content-Type-Options', 'nosniff');
  setHeader(res, 'Referrer-Policy', 'same-origin');
  setHeader(res, 'Cache-Control', 'no-store');
  const existing = readCookie(cookieHeader(req), CSRF_COOKIE);
  if (existing && tokens.verify(existing, existing)) return existing;
  const token = tokens.issue();
  setHeader(res, 'Set-Cookie', tokens.cookie(token, base || '/'));
  return token;
}
