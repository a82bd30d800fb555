// Every option of every module, decorator and strategy has a row in a table of the docs page a
// user would look on, read from the option interfaces themselves: a new option without a row fails.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(repo, 'libs', 'kafka-kit', 'src');

/** Interface -> the page whose tables list its options (and the prefix its rows use, if any). */
const PAGES: [file: string, iface: string, page: string, prefix?: string][] = [
  ['interfaces/kafka-module-options.interface.ts', 'KafkaModuleOptions', 'configuration.md'],
  ['interfaces/kafka-module-options.interface.ts', 'KafkaRetryOptions', 'configuration.md', 'retry.'],
  ['interfaces/consumer-options.interface.ts', 'ConsumerDefaults', 'configuration.md'],
  ['interfaces/consumer-options.interface.ts', 'KafkaConsumerOptions', 'configuration.md'],
  ['interfaces/consumer-options.interface.ts', 'KafkaListenerOptions', 'configuration.md'],
  ['interfaces/producer-options.interface.ts', 'ProducerOptions', 'configuration.md'],
  ['interfaces/topic-declaration.interface.ts', 'TopicDeclaration', 'configuration.md'],
  ['health/kafka-health.options.ts', 'KafkaHealthModuleOptions', 'configuration.md'],
  ['lag/lag-sampler.options.ts', 'LagSamplerOptions', 'configuration.md'],
  ['operator/kafka-operator.module.ts', 'KafkaOperatorModuleOptions', 'configuration.md'],
  ['dashboard/dashboard.options.ts', 'KafkaDashboardModuleOptions', 'configuration.md'],
  ['offset-store/postgres-offset-store.ts', 'PostgresOffsetStoreOptions', 'configuration.md'],
  ['testing/embedded-kafka.ts', 'EmbeddedKafkaOptions', 'configuration.md'],
  ['producer/priority-partitioner.ts', 'PriorityPartitionerOptions', 'configuration.md'],
  ['producer/round-robin-partitioner.ts', 'RoundRobinPartitionerOptions', 'configuration.md'],
  ['interfaces/error-handling-options.interface.ts', 'StopOnErrorOptions', 'error-handling/stop-on-error.md'],
  [
    'interfaces/error-handling-options.interface.ts',
    'BlockingRetryOptions',
    'error-handling/blocking-retry.md',
  ],
  [
    'interfaces/error-handling-options.interface.ts',
    'BackoffOptions',
    'error-handling/blocking-retry.md',
    'backoff.',
  ],
  ['interfaces/error-handling-options.interface.ts', 'DeadLetterOptions', 'error-handling/dead-letter.md'],
  ['interfaces/error-handling-options.interface.ts', 'RetryTopicsOptions', 'error-handling/retry-topics.md'],
  ['interfaces/error-handling-options.interface.ts', 'SkipOptions', 'error-handling/skip.md'],
  ['dlq/dlq.service.ts', 'DlqSelection', 'operator-and-dlq.md'],
  ['dlq/dlq.service.ts', 'ReplayOptions', 'operator-and-dlq.md'],
];

function ownProperties(file: string, name: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(src, file), 'utf8'), ts.ScriptTarget.Latest);
  const found = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name,
  );
  if (!found) throw new Error(`${file} has no interface ${name}`);
  return found.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
}

function tableCells(page: string): Set<string> {
  const rows = readFileSync(join(repo, 'docs', page), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('|'));
  // The first cells of a row name an option: `name`, `a.b`, or several (`x`, `y`); the partitioner
  // table names the function first and the option second.
  const named = (cell = '') => [...cell.matchAll(/`([\w.]+)`/g)].map((m) => m[1]!);
  return new Set(
    rows.flatMap((r) =>
      r
        .split('|')
        .slice(1, 3)
        .flatMap((c) => named(c)),
    ),
  );
}

describe('docs option tables', () => {
  it.each(PAGES)('%s %s: every option has a row on its page', (file, iface, page, prefix = '') => {
    const cells = tableCells(page);
    // An object option may be listed by its fields instead (`retry.retries`, `backoff.initialMs`).
    const listed = (p: string) =>
      cells.has(prefix + p) || cells.has(p) || [...cells].some((c) => c.startsWith(`${prefix}${p}.`));
    const missing = ownProperties(file, iface).filter((p) => !listed(p));
    expect(missing, `${iface} options missing from docs/${page}`).toEqual([]);
  });
});
