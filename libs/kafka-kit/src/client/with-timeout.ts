import { AdminRequestTimeoutError } from '../errors/admin-request-timeout.error.js';

/**
 * Settles with `work`, or rejects with AdminRequestTimeoutError after `timeoutMs`. kafkajs
 * requests cannot be cancelled, so a late answer is dropped; its rejection is swallowed so it
 * never surfaces as an unhandled rejection.
 */
export function withTimeout<T>(work: Promise<T>, timeoutMs: number, request: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AdminRequestTimeoutError(request, timeoutMs)), timeoutMs);
  });
  work.catch(() => undefined);
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
