// kafkajs is CommonJS: Node's ESM loader only guarantees its default export, so the runtime
// values are taken from it here, once. Types are imported directly with `import type`.
// First: kafkajs' producer takes its sendMessages when kafkajs loads (see kafkajs-send-settles.ts).
import './kafkajs-send-settling.js';
import kafkajs from 'kafkajs';
import { skipIdleQueueChecks } from './kafkajs-idle-queue-check.js';

export const { Kafka, logLevel, CompressionCodecs, CompressionTypes, ConfigResourceTypes, AssignerProtocol } =
  kafkajs;

skipIdleQueueChecks();
