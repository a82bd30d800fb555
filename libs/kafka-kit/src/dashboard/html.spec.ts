import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, trusted } from './html.js';

// Called through another name so the formatter leaves the exact markup under test alone.
const h = html;

describe('html', () => {
  it('escapes every interpolated value', () => {
    const evil = '<script>alert(1)</script>';
    expect(h`<td>${evil}</td>`.markup).toBe('<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(h`<a title="${'" onmouseover="x'}">`.markup).toBe('<a title="&quot; onmouseover=&quot;x">');
  });

  it('keeps nested safe markup, joins arrays, leaves out null and false', () => {
    const rows = ['a', '<b>'].map((x) => h`<li>${x}</li>`);
    expect(h`<ul>${rows}${null}${false}${trusted('<hr>')}</ul>`.markup).toBe(
      '<ul><li>a</li><li>&lt;b&gt;</li><hr></ul>',
    );
  });

  it('escapes quotes and backticks', () => {
    expect(escapeHtml(`'"\`&`)).toBe('&#39;&quot;&#96;&amp;');
  });

  it('writes JSON no value can break out of', () => {
    expect(jsonForScript({ v: '</script><script>x' }).markup).not.toContain('<');
    expect(JSON.parse(jsonForScript({ v: '</script>' }).markup)).toEqual({ v: '</script>' });
  });
});
