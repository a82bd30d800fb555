import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie and form field of the double-submit CSRF token. */
export const CSRF_COOKIE = 'nkk_dashboard_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Double-submit tokens: a page sets the token as a SameSite=Strict, HttpOnly cookie and puts it
 * in each action form; an action is taken only when both agree and the token carries this
 * process's signature. Another site can neither read the cookie nor guess the token, so it
 * cannot make a signed-in operator's browser skip a record.
 */
export class CsrfTokens {
  private readonly secret = randomBytes(32);

  issue(): string {
    const nonce = randomBytes(18).toString('base64url');
    return `${nonce}.${this.sign(nonce)}`;
  }

  /** True when the form's token equals the cookie's and is signed by this process. */
  verify(cookieToken: string | undefined, formToken: unknown): boolean {
    if (typeof formToken !== 'string' || !cookieToken) return false;
    const a = Buffer.from(cookieToken);
    const b = Buffer.from(formToken);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return false;
    const [nonce, signature] = formToken.split('.');
    if (!nonce || !signature) return false;
    const expected = Buffer.from(this.sign(nonce));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** The cookie header that hands `token` to the browser for pages under `path`. */
  cookie(token: string, path: string): string {
    return `${CSRF_COOKIE}=${token}; Path=${path}; HttpOnly; SameSite=Strict`;
  }

  private sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(nonce).digest('base64url');
  }
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
