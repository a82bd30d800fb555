#!/usr/bin/env node
// Adds up Vitest JSON reports into the one line CI reads: "N passed, N failed, N skipped".
// Failed tests are named above that line, so the tail of a CI log says what broke and where.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

let passed = 0;
// Static checks (types, lint, formatting) that failed count as failures too.
let failed = Number(process.env.STATIC_FAILURES ?? 0);
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`missing report ${file}: counting its run as one failure`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.success ? 0 : report.numFailedTests === 0 ? 1 : 0);
  skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults.filter((t) => t.status === 'failed')) {
      const why = firstLine(test.failureMessages[0] ?? '');
      console.log(`FAILED in ${file}: ${relative(process.cwd(), suite.name)} > ${test.fullName}\n  ${why}`);
    }
    if (suite.status === 'failed' && suite.assertionResults.length === 0) {
      console.log(`FAILED in ${file}: ${relative(process.cwd(), suite.name)}\n  ${suite.message}`);
    }
  }
}
/**
 * The failure's first line. Vitest's test and hook timeouts carry the stack of an error it made
 * when the test was declared ("Error: STACK_TRACE_ERROR"), not their message: say so, and where.
 */
function firstLine(stack) {
  const [head, ...frames] = stack.split('\n');
  if (head !== 'Error: STACK_TRACE_ERROR') return head;
  const ours = frames.find((f) => !f.includes('node_modules')) ?? '';
  return `a test or hook timed out (vitest gives no message), declared ${ours.trim()}`;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
