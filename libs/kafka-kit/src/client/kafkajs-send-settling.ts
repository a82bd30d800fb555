// Imported for its effect by client/kafkajs.ts, the one module that loads kafkajs, before kafkajs:
// ESM evaluates imports in order, so this runs before kafkajs' producer takes its sendMessages.
import { settleSendsBeforeRetry } from './kafkajs-send-settles.js';

settleSendsBeforeRetry();
