// Runs a fixture app in its own Node process, so a test can kill it -9 like a crash would.
// The fixture is compiled with SWC (decorator metadata) next to the fixtures, so it resolves
// 'nest-kafka-kit' to the built package exactly as a user's app does.
import { transformFile } from '@swc/core';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');

export interface ChildApp {
  process: ChildProcess;
  /** Everything the child printed so far. */
  output(): string;
}

/** Builds the library, compiles `fixture` (a file in test/fixtures) and starts it with `env`. */
export async function startChildApp(fixture: string, env: Record<string, string>): Promise<ChildApp> {
  const child = spawn(process.execPath, [await compiled(fixture)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { process: child, output: () => output };
}

// Once per test file and fixture: chaos tests restart their children every few seconds.
const builds = new Map<string, Promise<string>>();

function compiled(fixture: string): Promise<string> {
  let build = builds.get(fixture);
  if (!build) {
    build = compile(fixture);
    builds.set(fixture, build);
  }
  return build;
}

async function compile(fixture: string): Promise<string> {
  execFileSync('npx', ['tsc', '-b', 'libs/kafka-kit'], { cwd: repo, stdio: 'inherit' });
  const { code } = await transformFile(join(here, 'fixtures', fixture), {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  });
  const outDir = join(here, 'fixtures', '.compiled');
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, fixture.replace(/\.ts$/, '.mjs'));
  writeFileSync(out, code);
  return out;
}
