import { describe, expect, it } from 'vitest';
import { AdminRequestTimeoutError } from '../errors/admin-request-timeout.error.js';
import { withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('settles with the work when it answers in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('no')), 1000, 'x')).rejects.toThrow('no');
  });

  it('rejects with a retryable AdminRequestTimeoutError naming the request', async () => {
    const never = new Promise<never>(() => undefined);
    const error = await withTimeout(never, 10, 'describeCluster').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminRequestTimeoutError);
    expect(error).toMatchObject({ request: 'describeCluster', timeoutMs: 10, retryable: true });
    expect((error as Error).message).toContain('describeCluster');
  });
});
