#!/usr/bin/env node
// `npm run demo`: the example apps are not built yet; say so plainly instead of pretending.
console.error(
  'The demo (click-collector -> click_log -> click-aggregator) is not built yet.\n' +
    'Meanwhile: `npm run kafka:up` starts a real broker and `npm test` runs the suites against it.',
);
process.exitCode = 1;
