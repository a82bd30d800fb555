import { describe, expect, it } from 'vitest';
import { SerialCommits } from './serial-commits.js';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

describe('SerialCommits', () => {
  it('runs an awaited commit only after the one started before it settled', async () => {
    const commits = new SerialCommits();
    const first = deferred();
    const order: string[] = [];
    commits.later(() => (order.push('later'), first.promise));
    const awaited = commits.now(async () => void order.push('now'));
    await Promise.resolve();
    expect(order).toEqual(['later']);
    first.resolve();
    await awaited;
    expect(order).toEqual(['later', 'now']);
  });

  it('throws the failure of a commit nobody waited for once, at the next rethrow', async () => {
    const commits = new SerialCommits();
    const failure = new Error('REBALANCE_IN_PROGRESS');
    commits.later(() => Promise.reject(failure));
    await commits.now(() => Promise.resolve());
    expect(() => commits.rethrow()).toThrow(failure);
    expect(() => commits.rethrow()).not.toThrow();
  });

  it('goes on after a failed commit, and an awaited one rejects with its own error', async () => {
    const commits = new SerialCommits();
    await expect(commits.now(() => Promise.reject(new Error('down')))).rejects.toThrow('down');
    let ran = false;
    await commits.now(async () => void (ran = true));
    expect(ran).toBe(true);
    expect(() => commits.rethrow()).not.toThrow();
  });
});
