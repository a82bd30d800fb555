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
  const stack = Buffer.from(error.stack ?? '', 'utf8');
  return {
    className: error.name || error.constructor.name,
    message: error.message,
    // Cutting mid-character leaves a replacement char at worst; the header stays valid UTF-8.
    stack:
      stack.length <= MAX_STACK_BYTES
        ? stack.toString('utf8')
        : stack
            .subarray(0, MAX_STACK_BYTES)
            .toString('utf8')
            .replace(/\uFFFD$/, ''),
  };
}
