import { describe, expect, it } from 'vitest';
import { PendingFailures } from './pending-failures.js';

describe('PendingFailures', () => {
  it('marks the last done offset once every write is confirmed', async () => {
    const pending = new PendingFailures();
    const marked: string[] = [];
    pending.add('5', Promise.resolve(true));
    pending.done('5');
    pending.add('7', new Promise((r) => setTimeout(() => r(true), 5)));
    pending.done('9');
    expect(await pending.settle((o) => marked.push(o))).toBe(true);
    expect(marked).toEqual(['9']);
    expect(pending.empty).toBe(true);
  });

  it('marks only up to the record before the first unconfirmed failure', async () => {
    const pending = new PendingFailures();
    const marked: string[] = [];
    pending.add('5', Promise.resolve(true));
    pending.add('7', Promise.resolve(false));
    pending.done('9');
    expect(await pending.settle((o) => marked.push(o))).toBe(false);
    expect(marked).toEqual(['6']);
  });

  it('rethrows a strategy error after marking what is safe, never leaving it unhandled', async () => {
    const pending = new PendingFailures();
    const marked: string[] = [];
    pending.add('3', Promise.reject(new Error('strategy broke')));
    pending.done('4');
    await new Promise((r) => setTimeout(r, 1));
    await expect(pending.settle((o) => marked.push(o))).rejects.toThrow('strategy broke');
    expect(marked).toEqual(['2']);
  });
});
