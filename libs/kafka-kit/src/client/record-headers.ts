import type { RecordHeaders } from './consumer-client.js';

/**
 * The values a record carries for header `name`. kafkajs 2.2.4 decodes a header named like a
 * member of Object.prototype (`constructor`, `__proto__`, `toString`) as `[that member, value]`,
 * because it looks the name up on a plain object; the member is not a value and is left out.
 */
export function headerValues(headers: RecordHeaders, name: string): (Buffer | string)[] {
  const raw = headers[name];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return [raw];
  return raw.filter((v) => Buffer.isBuffer(v) || typeof v === 'string');
}

/** Sets a header on `target` as its own property: assigning `__proto__` would swap the prototype. */
export function setHeader<T>(target: Record<string, T>, name: string, value: NoInfer<T>): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}
