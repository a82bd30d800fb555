// Flushes and timing helpers shared by the LingerBatcher specs.
import { vi } from 'vitest';
import { LingerBatcher, type LingerBatcherOptions } from './linger-batcher.js';

export type Results = Array<string | Error>;

export interface FlushCall {
  items: string[];
  resolve: (results: Results) => void;
  reject: (error: unknown) => void;
}

/** A flush whose every call stays in flight until the test settles it. */
export function heldFlush() {
  const calls: FlushCall[] = [];
  const flush = vi.fn(
    (items: string[]) =>
      new Promise<Results>((resolve, reject) => {
        calls.push({ items: [...items], resolve, reject });
      }),
  );
  const succeed = (call: FlushCall) => call.resolve(call.items.map((item) => `ok:${item}`));
  return { calls, flush, succeed };
}

/** A flush that answers at once with `ok:<item>`. */
export const echoFlush = () =>
  vi.fn(async (items: string[]): Promise<Results> => items.map((item) => `ok:${item}`));

// Lets the promise chains between a settled flush and the batcher's next step run.
export const settleMicrotasks = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

export const batcher = (
  options: Partial<LingerBatcherOptions<string, string>> &
    Pick<LingerBatcherOptions<string, string>, 'flush'>,
) => new LingerBatcher<string, string>(options);
