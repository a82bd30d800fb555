// Every ```ts block of the README and of the docs pages compiles against the library's public API,
// so the usage snippets cannot drift from the code, and follows the library's own rules. The blocks
// of one page are compiled together, each as its own module: a block whose first line is
// `// name.ts` is written under that name, so the page's other blocks can import `./name.js`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(repo, 'tools', 'test', '.readme-snippets');

function markdownPages(): string[] {
  const docs = readdirSync(join(repo, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !f.startsWith('.'))
    .map((f) => join('docs', f));
  return ['README.md', ...docs.sort()];
}

interface Snippet {
  page: string;
  file: string;
  code: string;
}

function snippetsOf(page: string): Snippet[] {
  const text = readFileSync(join(repo, page), 'utf8');
  const dir = join(outDir, page.replace(/[/.]/g, '_'));
  return [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m, i) => {
    const named = /^\/\/ ([\w.-]+\.ts)\b/.exec(m[1]!);
    return { page, file: join(dir, named ? named[1]! : `snippet-${i + 1}.ts`), code: m[1]! };
  });
}

/** Where a snippet breaks the library's rules: a listener outside a provider, a floating promise. */
function ruleProblems(snippets: Snippet[], program: ts.Program): string[] {
  const problems: string[] = [];
  for (const s of snippets) {
    if (
      s.code.includes('@KafkaListener(') &&
      !(s.code.includes('@KafkaConsumer(') && s.code.includes('@Injectable()'))
    )
      problems.push(
        `${s.page}: a snippet with @KafkaListener lacks @Injectable() or @KafkaConsumer on its class`,
      );
  }
  const checker = program.getTypeChecker();
  for (const s of snippets) {
    const source = program.getSourceFile(s.file)!;
    const visit = (node: ts.Node): void => {
      if (ts.isExpressionStatement(node) && ts.isCallExpression(node.expression)) {
        const type = checker.getTypeAtLocation(node.expression);
        if (type.getProperty('then')) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          problems.push(
            `${s.page} (${relative(outDir, s.file)}:${line + 1}): a promise is neither awaited nor returned`,
          );
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

describe('README and docs', () => {
  it('have usage snippets, and every one of them compiles and follows the rules', () => {
    const pages = markdownPages();
    const snippets = pages.flatMap(snippetsOf);
    expect(snippets.filter((s) => s.page === 'README.md').length).toBeGreaterThanOrEqual(1);
    expect(new Set(snippets.map((s) => s.page)).size).toBeGreaterThanOrEqual(10);

    rmSync(outDir, { recursive: true, force: true });
    for (const s of snippets) {
      mkdirSync(dirname(s.file), { recursive: true });
      writeFileSync(s.file, s.code);
    }
    const files = snippets.map((s) => s.file);
    const config = ts.readConfigFile(join(repo, 'tsconfig.check.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repo);
    const program = ts.createProgram(files, { ...options, noUnusedLocals: false, noEmit: true });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${relative(outDir, d.file!.fileName)}:${line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect([...problems, ...ruleProblems(snippets, program)]).toEqual([]);
  }, 120_000);
});
