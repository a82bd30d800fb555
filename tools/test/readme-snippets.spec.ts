// Every ```ts block of the README compiles against the library's public API, so the usage
// snippets cannot drift from the code. Each block is compiled as its own module.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(repo, 'tools', 'test', '.readme-snippets');

function readmeSnippets(): string[] {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
}

describe('README', () => {
  it('has usage snippets, and every one of them compiles', () => {
    const snippets = readmeSnippets();
    expect(snippets.length).toBeGreaterThanOrEqual(4);

    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(outDir, { recursive: true });
    const files = snippets.map((code, i) => {
      const file = join(outDir, `snippet-${i + 1}.ts`);
      writeFileSync(file, code);
      return file;
    });
    const config = ts.readConfigFile(join(repo, 'tsconfig.check.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repo);
    const program = ts.createProgram(files, { ...options, noUnusedLocals: false, noEmit: true });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${d.file!.fileName.slice(outDir.length + 1)}:${line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  }, 60_000);
});
