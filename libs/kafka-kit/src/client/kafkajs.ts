// kafkajs is CommonJS: Node's ESM loader only guarantees its default export, so the runtime
// values are taken from it here, once. Types are imported directly with `import type`.
import kafkajs from 'kafkajs';
import { skipIdleQueueChecks } from './kafkajs-idle-queue-check.js';

export const { Kafka, logLevel, CompressionCodecs, CompressionTypes, ConfigResourceTypes } = kafkajs;

skipIdleQueueChecks();
