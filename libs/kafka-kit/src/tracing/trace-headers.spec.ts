import { describe, expect, it } from 'vitest';
import { consumedHeadersGetter, outgoingHeadersSetter, traceparentAfter } from './trace-headers.js';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

describe('trace headers', () => {
  it("makes a replayed record's traceparent point at the span that failed it, same trace and flags", () => {
    expect(traceparentAfter(`00-${TRACE}-b7ad6b7169203331-01`, '00f067aa0ba902b7')).toBe(
      `00-${TRACE}-00f067aa0ba902b7-01`,
    );
  });

  it('leaves the traceparent alone when either part is missing or malformed', () => {
    expect(traceparentAfter(undefined, '00f067aa0ba902b7')).toBeUndefined();
    expect(traceparentAfter(`00-${TRACE}-b7ad6b7169203331-01`, undefined)).toBeUndefined();
    expect(traceparentAfter('garbage', '00f067aa0ba902b7')).toBeUndefined();
    expect(traceparentAfter(`00-${TRACE}-b7ad6b7169203331-01`, 'not-a-span-id')).toBeUndefined();
  });

  it('reads header values as text, bytes and repeated ones alike', () => {
    const headers = { a: Buffer.from('bytes'), b: 'text', c: [Buffer.from('one'), 'two'] };
    expect(consumedHeadersGetter.keys(headers)).toEqual(['a', 'b', 'c']);
    expect(consumedHeadersGetter.get(headers, 'a')).toBe('bytes');
    expect(consumedHeadersGetter.get(headers, 'b')).toBe('text');
    expect(consumedHeadersGetter.get(headers, 'c')).toEqual(['one', 'two']);
    expect(consumedHeadersGetter.get(undefined, 'a')).toBeUndefined();
  });

  it('keeps a propagation header the sender set itself', () => {
    const headers: Record<string, string | Buffer> = { traceparent: 'mine' };
    outgoingHeadersSetter.set(headers, 'traceparent', 'injected');
    outgoingHeadersSetter.set(headers, 'tracestate', 'vendor=1');
    expect(headers).toEqual({ traceparent: 'mine', tracestate: 'vendor=1' });
  });
});
