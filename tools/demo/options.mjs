// `npm run demo -- [--duration s] [--rate events/s] [--poison share] [--no-build]`; ports from DEMO_PORT (default 3000).
import { parseArgs } from 'node:util';

export function demoOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rate: { type: 'string', default: '200' },
      poison: { type: 'string', default: '0.01' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  const duration = values.duration === undefined ? Infinity : Number(values.duration);
  const rate = Number(values.rate);
  const poison = Number(values.poison);
  if (!(duration > 0) || !(rate > 0) || !(poison >= 0 && poison < 1))
    throw new Error('--duration must be > 0 (seconds), --rate > 0 (events/s), --poison 0..1');
  return {
    duration,
    rate,
    poison,
    build: !values['no-build'],
    basePort: Number(process.env.DEMO_PORT ?? 3000),
  };
}
