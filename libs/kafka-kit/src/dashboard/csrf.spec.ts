import { describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CsrfTokens, readCookie } from './csrf.js';

describe('CsrfTokens', () => {
  const tokens = new CsrfTokens();

  it('accepts a form token equal to the cookie and signed here', () => {
    const t = tokens.issue();
    expect(tokens.verify(t, t)).toBe(true);
  });

  it('refuses a missing, different or foreign token', () => {
    const t = tokens.issue();
    expect(tokens.verify(t, undefined)).toBe(false);
    expect(tokens.verify(undefined, t)).toBe(false);
    expect(tokens.verify(t, tokens.issue())).toBe(false);
    const foreign = new CsrfTokens().issue();
    expect(tokens.verify(foreign, foreign)).toBe(false);
    expect(tokens.verify('a.b', 'a.b')).toBe(false);
  });

  it('hands the token out as a strict, script-proof cookie', () => {
    expect(tokens.cookie('x', '/dash')).toBe(`${CSRF_COOKIE}=x; Path=/dash; HttpOnly; SameSite=Strict`);
  });

  it('reads one cookie from a header', () => {
    expect(readCookie(`a=1; ${CSRF_COOKIE}=t.s; b=2`, CSRF_COOKIE)).toBe('t.s');
    expect(readCookie(undefined, CSRF_COOKIE)).toBeUndefined();
  });
});
