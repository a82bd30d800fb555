import type { KafkaModuleOptions } from '../interfaces/kafka-module-options.interface.js';
import type { KafkaDriver } from './kafka-driver.js';
import { KafkajsDriver } from './kafkajs-driver.js';
import { PlatformaticDriver } from './platformatic/platformatic-driver.js';

/** The driver `options.driver` names (validated beforehand); kafkajs by default. */
export function createDriver(options: KafkaModuleOptions): KafkaDriver {
  return options.driver === 'platformatic' ? new PlatformaticDriver(options) : new KafkajsDriver(options);
}
