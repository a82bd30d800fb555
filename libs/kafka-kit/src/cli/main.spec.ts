import { describe, expect, it } from 'vitest';
import { main } from './main.js';

async function run(...argv: string[]) {
  const err: string[] = [];
  const code = await main(
    argv,
    {},
    () => undefined,
    (line) => err.push(line),
  );
  return { code, err: err.join('\n') };
}

describe('nest-kafka-kit', () => {
  it('names both commands when it gets neither', async () => {
    const { code, err } = await run('frobnicate');
    expect(code).toBe(64);
    expect(err).toContain('Usage: nest-kafka-kit dlq');
    expect(err).toContain('Usage: nest-kafka-kit dashboard');
  });

  it('explains the dashboard command when its groups are missing', async () => {
    const { code, err } = await run('dashboard', '--port', '1');
    expect(code).toBe(64);
    expect(err).toMatch(/^Usage: nest-kafka-kit dashboard --groups/);
  });
});
