import { MAX_STACK_BYTES } from './kafka-headers.js';

export interface ErrorDescription {
  className: string;
  message: string;
  /** At most MAX_STACK_BYTES bytes of UTF-8. */
  stack: string;
}

/** What a failure record says about its error; anything thrown, not only Errors. */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof Error)) return { className: typeof error, message: String(error), stack: '' };
  const stack = error.stack ?? '';
  return {
    className: error.name || error.constructor.name,
    message: error.message,
    // Counted without copying: a stack under the cap (the usual one) is taken as it is. Cutting
    // mid-character leaves a replacement char at worst; the header stays valid UTF-8.
    stack:
      Buffer.byteLength(stack, 'utf8') <= MAX_STACK_BYTES
        ? stack
        : Buffer.from(stack, 'utf8')
            .subarray(0, MAX_STACK_BYTES)
            .toString('utf8')
            .replace(/\uFFFD$/, ''),
  };
}
