import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { satisfiesEngines } from './node-engines.js';
import { InvalidKafkaOptionsError } from '../../errors/invalid-kafka-options.error.js';

export type PlatformaticKafka = typeof import('@platformatic/kafka');

/**
 * The Node.js versions the installed @platformatic/kafka declares it runs on (its `engines.node`,
 * read from its package.json, so the check follows the package rather than a copy of its range).
 */
export function nodeVersionProblem(version: string, engines: string): string | undefined {
  if (satisfiesEngines(version, engines) !== false) return undefined;
  return `'platformatic' needs Node.js ${engines} (@platformatic/kafka's engines); this is Node.js ${version}: upgrade Node.js or use driver 'kafkajs'`;
}

/** The installed package's `engines.node`; its `exports` hides package.json, so it is read beside the entry. */
function enginesOf(require: NodeJS.Require): string | undefined {
  try {
    const entry = require.resolve('@platformatic/kafka');
    const manifest = join(dirname(entry), '..', 'package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { engines?: { node?: string } }).engines?.node;
  } catch {
    return undefined;
  }
}

let loaded: PlatformaticKafka | undefined;

/**
 * @platformatic/kafka, loaded the first time the driver is chosen (an optional peer dependency,
 * so an app on kafkajs never loads it). Synchronous, so the connection is ready when the module
 * starts: the supported Node.js versions load an ES module through `require`.
 */
export function loadPlatformatic(): PlatformaticKafka {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const engines = enginesOf(require);
  const problem = engines === undefined ? undefined : nodeVersionProblem(process.version, engines);
  if (problem) throw new InvalidKafkaOptionsError('driver', problem);
  try {
    loaded = require('@platformatic/kafka') as PlatformaticKafka;
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
