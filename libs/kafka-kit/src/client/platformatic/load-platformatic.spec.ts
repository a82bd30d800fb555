import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from './load-platformatic.js';
import { satisfiesEngines } from './node-engines.js';

// @platformatic/kafka 2.12's own range: semver reads it as >= 22.22.0 (the second alternative adds nothing).
const ENGINES = '>= 22.22.0 || >= 24.6.0';

describe('nodeVersionProblem', () => {
  it('accepts every Node.js version the package engines admit, 23.x and 24.0-24.5 included', () => {
    for (const v of [
      'v22.22.0',
      'v22.30.1',
      'v23.0.0',
      'v23.11.0',
      'v24.0.0',
      'v24.5.0',
      'v24.22.3',
      'v25.0.0',
    ])
      expect(nodeVersionProblem(v, ENGINES)).toBeUndefined();
  });

  it('names the version it refuses, the range and what to do', () => {
    for (const v of ['v20.19.0', 'v22.21.9', 'v18.0.0']) {
      const problem = nodeVersionProblem(v, ENGINES);
      expect(problem).toContain(`this is Node.js ${v}`);
      expect(problem).toContain(`needs Node.js ${ENGINES}`);
      expect(problem).toContain("use driver 'kafkajs'");
    }
  });

  it('reads the range of the installed package', async () => {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@platformatic/kafka');
    const manifest = JSON.parse(readFileSync(new URL('../package.json', `file://${entry}`), 'utf8')) as {
      engines: { node: string };
    };
    expect(manifest.engines.node).toBe(ENGINES);
  });
});

describe('satisfiesEngines', () => {
  it('evaluates comparator sets and alternatives', () => {
    expect(satisfiesEngines('v20.19.0', '>=20.19')).toBe(true);
    expect(satisfiesEngines('v20.18.9', '>=20.19')).toBe(false);
    expect(satisfiesEngines('v22.5.0', '>=20.19 <22 || >=22.12')).toBe(false);
    expect(satisfiesEngines('v21.0.0', '>=20.19 <22 || >=22.12')).toBe(true);
    expect(satisfiesEngines('v22.12.0', '>=20.19 <22 || >=22.12')).toBe(true);
    expect(satisfiesEngines('v24.6.0', '>= 24.6.0')).toBe(true);
  });

  it('answers undefined for a range it does not understand, so the check never refuses on a guess', () => {
    expect(satisfiesEngines('v24.0.0', '^22.22.0 || ^24.6.0')).toBeUndefined();
  });
});
