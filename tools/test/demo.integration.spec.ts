import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { kafkaBrokers, uniqueName, waitFor } from './helpers.js';

describe('npm run demo', () => {
  it('runs the click pipeline end to end: HTTP -> click_log -> counts, health ok', async () => {
    const demo = spawn(process.execPath, ['tools/demo.mjs', '--once'], {
      env: {
        ...process.env,
        KAFKA_BROKERS: kafkaBrokers().join(','),
        DEMO_COLLECTOR_PORT: '3200',
        DEMO_AGGREGATOR_PORT: '3201',
        // The apps' topics and groups of this run only: another click-aggregator on the same
        // broker would otherwise share the group's partitions (and count the demo's clicks).
        KAFKA_NAME_PREFIX: `${uniqueName('demo')}.`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    demo.stdout.on('data', (d) => (output += d));
    demo.stderr.on('data', (d) => (output += d));
    const exitCode = await waitFor('the demo to finish', () => demo.exitCode ?? undefined, {
      timeoutMs: 150_000,
    });

    expect(exitCode, output).toBe(0);
    expect(output).toContain('[demo] counted 30 clicks');
    expect(output).toContain('refused at the door: HTTP 400');
    expect(output).toContain('/health -> status ok');
  }, 180_000);
});
