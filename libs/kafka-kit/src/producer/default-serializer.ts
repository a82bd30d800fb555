import type { Serializer } from '../interfaces/producer-options.interface.js';

/** Buffers and strings go out as they are; null stays null (a tombstone); anything else is JSON. */
export const defaultSerializer: Serializer = (value) => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || Buffer.isBuffer(value)) return value;
  return JSON.stringify(value);
};
