import { describe, expect, it } from 'vitest';
import { PendingFailures } from './pending-failures.js';

describe('PendingFailures', () => {
  it('lifts each hold as its write is confirmed, and waits for the oldest ones only', async () => {
    const pending = new PendingFailures();
    const released: string[] = [];
    let confirm!: (ok: boolean) => void;
    pending.add('5', Promise.resolve(true), () => released.push('5'));
    pending.add('7', new Promise((r) => (confirm = r)), () => released.push('7'));
    expect(await pending.settle(() => undefined, 1)).toBe(true);
    expect(released).toEqual(['5']);
    expect(pending.size).toBe(1);
    confirm(true);
    expect(await pending.settle(() => undefined)).toBe(true);
    expect(released).toEqual(['5', '7']);
    expect(pending.size).toBe(0);
  });

  it('rewinds to the first unconfirmed failure, then lifts every hold', async () => {
    const pending = new PendingFailures();
    const rewound: string[] = [];
    const released: string[] = [];
    pending.add('5', Promise.resolve(true), () => released.push('5'));
    pending.add('7', Promise.resolve(false), () => released.push('7'));
    pending.add('9', Promise.resolve(true), () => released.push('9'));
    expect(await pending.settle((o) => rewound.push(o))).toBe(false);
    expect(rewound).toEqual(['7']);
    expect(new Set(released)).toEqual(new Set(['5', '7', '9']));
    expect(pending.size).toBe(0);
  });

  it('rethrows a strategy error after rewinding, never leaving it unhandled', async () => {
    const pending = new PendingFailures();
    const rewound: string[] = [];
    pending.add('3', Promise.reject(new Error('strategy broke')), () => undefined);
    await new Promise((r) => setTimeout(r, 1));
    await expect(pending.settle((o) => rewound.push(o))).rejects.toThrow('strategy broke');
    expect(rewound).toEqual(['3']);
  });
});
