#!/usr/bin/env node
// CLI behind `npm run kafka:up|down|status|fetch`. See README "Contributing" for the options.
import { parseArgs } from 'node:util';
import { ensureJars } from '../../libs/kafka-kit/embedded/jars.mjs';
import {
  DEFAULT_KAFKA_VERSION,
  DEFAULT_PORT,
  bootstrapServers,
  down,
  listClusters,
  up,
} from '../../libs/kafka-kit/embedded/cluster.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    brokers: { type: 'string', default: '1' },
    port: { type: 'string', default: String(DEFAULT_PORT) },
    version: { type: 'string', default: process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION },
    'state-dir': { type: 'string' },
  },
});
const command = positionals[0];
const port = Number(values.port);
const stateDir = values['state-dir'];
const opts = { port, ...(stateDir ? { stateDir } : {}) };

async function main() {
  if (process.env.KAFKA_BROKERS && command !== 'fetch') {
    console.log(`KAFKA_BROKERS=${process.env.KAFKA_BROKERS} is set: using it, starting nothing.`);
    return;
  }
  switch (command) {
    case 'up': {
      const t0 = Date.now();
      const { started, cluster } = await up({
        ...opts,
        brokers: Number(values.brokers),
        version: values.version,
      });
      const where = bootstrapServers(cluster);
      if (!started) {
        console.log(`already running: Kafka ${cluster.version} at ${where}`);
        return;
      }
      console.log(`Kafka ${cluster.version} up at ${where} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      for (const b of cluster.brokers) console.log(`  broker ${b.nodeId}: pid ${b.pid}, log ${b.log}`);
      return;
    }
    case 'down':
      await down(opts);
      return;
    case 'status': {
      const clusters = listClusters(stateDir);
      if (clusters.length === 0) console.log('no cluster started by kafka:up');
      for (const c of clusters) {
        console.log(`Kafka ${c.version} (started ${c.startedAt}) at ${bootstrapServers(c)}`);
        for (const b of c.brokers) {
          console.log(
            `  broker ${b.nodeId} 127.0.0.1:${b.port} pid ${b.pid} ${b.alive ? 'running' : 'NOT running'}  log ${b.log}`,
          );
        }
      }
      return;
    }
    case 'fetch':
      console.log(await ensureJars(values.version));
      return;
    default:
      console.error(
        'usage: kafka.mjs up|down|status|fetch [--brokers N] [--port P] [--version V] [--state-dir D]',
      );
      process.exitCode = 2;
  }
}

main().catch((err) => {
  console.error(err.message);
  process.exitCode = 1;
});
