import { createRequire } from 'node:module';
import { InvalidKafkaOptionsError } from '../../errors/invalid-kafka-options.error.js';

export type PlatformaticKafka = typeof import('@platformatic/kafka');

/** The Node.js versions @platformatic/kafka 2.x runs on (its `engines`). */
export function nodeVersionProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = (major === 22 && minor >= 22) || (major === 24 && minor >= 6) || major >= 25;
  return ok
    ? undefined
    : `'platformatic' needs Node.js >= 22.22 or >= 24.6 (@platformatic/kafka's engines); this is Node.js ${version}: upgrade Node.js or use driver 'kafkajs'`;
}

let loaded: PlatformaticKafka | undefined;

/**
 * @platformatic/kafka, loaded the first time the driver is chosen (an optional peer dependency,
 * so an app on kafkajs never loads it). Synchronous, so the connection is ready when the module
 * starts: the supported Node.js versions load an ES module through `require`.
 */
export function loadPlatformatic(): PlatformaticKafka {
  if (loaded) return loaded;
  const problem = nodeVersionProblem(process.version);
  if (problem) throw new InvalidKafkaOptionsError('driver', problem);
  try {
    loaded = createRequire(import.meta.url)('@platformatic/kafka') as PlatformaticKafka;
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new InvalidKafkaOptionsError(
      'driver',
      code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND'
        ? "'platformatic' needs the package @platformatic/kafka: npm install @platformatic/kafka"
        : `'platformatic' needs the package @platformatic/kafka, which is installed but fails to load (${String(error)})`,
    );
  }
  return loaded;
}
