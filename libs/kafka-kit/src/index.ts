// The public API of nest-kafka-kit. Only what users need; internals stay unexported.
export { murmur2Partition } from './client/murmur2.js';
