import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import type { KafkaDriver } from './kafka-driver.js';
import { KafkajsDriver } from './kafkajs-driver.js';

/** The driver for these options: kafkajs, the one there is. */
export function createDriver(options: KafkaModuleOptions): KafkaDriver {
  return new KafkajsDriver(options);
}
