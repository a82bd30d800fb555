import { describe, expect, it } from 'vitest';
import { CommitHolds } from './commit-holds.js';

describe('CommitHolds', () => {
  it('keeps a partition at its lowest hold and says when its last one is released', () => {
    let released = 0;
    const holds = new CommitHolds(() => released++);
    const a = holds.hold('t', 0, '7');
    const b = holds.hold('t', 0, '3');
    expect(holds.clamp('t', 0, 10n)).toBe(3n);
    expect(holds.clamp('t', 0, 2n)).toBe(2n);
    expect(holds.clamp('t', 1, 10n)).toBe(10n);
    b();
    b();
    expect(holds.clamp('t', 0, 10n)).toBe(7n);
    expect(released).toBe(0);
    a();
    expect(holds.clamp('t', 0, 10n)).toBe(10n);
    expect(released).toBe(1);
    expect(holds.any).toBe(false);
  });
});
