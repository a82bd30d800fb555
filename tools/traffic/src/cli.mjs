#!/usr/bin/env node
// `npm run traffic -- --rate 500 --poison 0.01 --duration 60`: realistic traffic for the example
// apps with a share of poison; prints what it sent every few seconds and writes it to --record.
import { parseArgs } from 'node:util';
import { describeLedger, writeLedger } from './ledger.mjs';
import { startTraffic } from './traffic.mjs';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    poison: { type: 'string', default: '0.01' },
    duration: { type: 'string', default: '60' },
    collector: { type: 'string', default: process.env.COLLECTOR_URL ?? 'http://127.0.0.1:3000' },
    brokers: { type: 'string', default: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092' },
    record: { type: 'string', default: 'traffic-sent.json' },
    prefix: { type: 'string', default: process.env.KAFKA_NAME_PREFIX ?? '' },
    'no-cdc-poison': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`usage: npm run traffic -- [--rate events/s (100)] [--poison share 0..1 (0.01)] [--duration s (60)]
  [--collector URL (COLLECTOR_URL or http://127.0.0.1:3000)] [--brokers host:port,... (KAFKA_BROKERS or 127.0.0.1:9092)]
  [--record file (traffic-sent.json)] [--prefix topic name prefix (KAFKA_NAME_PREFIX, as the apps were given)]
  [--no-cdc-poison (leave CDC changes with an unknown status out of the poison)]`);
  process.exit(0);
}
const rate = Number(values.rate);
const poison = Number(values.poison);
const duration = Number(values.duration);
if (!(rate > 0) || !(poison >= 0 && poison <= 1) || !(duration > 0)) {
  console.error('--rate must be > 0, --poison 0..1, --duration > 0 (seconds)');
  process.exit(2);
}

const traffic = await startTraffic({
  brokers: values.brokers.split(','),
  collectorUrl: values.collector,
  rate,
  poison,
  cdcPoison: !values['no-cdc-poison'],
  prefix: values.prefix,
});
const report = setInterval(() => console.log(`[traffic] ${describeLedger(traffic.ledger)}`), 5000);
const finish = async () => {
  clearInterval(report);
  await traffic.stop();
  writeLedger(traffic.ledger, values.record);
  console.log(
    `[traffic] sent in ${duration} s: ${describeLedger(traffic.ledger)} (written to ${values.record})`,
  );
};
const timer = setTimeout(finish, duration * 1000);
process.once('SIGINT', () => {
  clearTimeout(timer);
  void finish();
});
