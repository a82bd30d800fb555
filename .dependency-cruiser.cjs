// Import rules the design relies on, checked in CI (`npm run lint:deps`).
//
// The library's folders are layered: a folder may import only from folders listed before it.
// That alone rules out cycles between folders; `no-circular` rules them out between files.
const SRC = '^libs/kafka-kit/src/';
const LAYERS = [
  'errors', // error types, the messages they carry
  'interfaces', // option and contract types
  'options', // the module definition token and option validation
  'client', // the only code that knows kafkajs
  // OpenTelemetry context and spans; below producer/ and failure-records/, which both use it
  'tracing',
  'validation',
  'topics',
  'producer',
  'failure-records', // the DLQ and retry record formats, their headers, the acks=all producer
  'retry-topics', // retry-topic naming, the retry record, ordered-retry state
  'strategies', // the error strategies behind one interface, their factory, the failure writer
  'offset-store', // offsets kept in the application's database: PostgreSQL store, seek-on-assignment
  'consumer', // decorators, explorer, the consumer loop, consumer state
  'lag',
  // one evaluation of every group's health (lag sample + the consumer's own facts) that every view reads
  'verdict',
  'metrics',
  'operator',
  'dlq',
  'health',
  'dashboard', // the operations page: reads what lag/, health/, operator/ and dlq/ offer
  'module', // KafkaModule: wires everything, so nothing imports it back
  'cli',
  'testing',
];

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `${layer}/ may import only from the folders below it: ${LAYERS.slice(0, i).join(', ') || 'none'}`,
  severity: 'error',
  from: { path: `${SRC}${layer}/` },
  to: { path: `${SRC}(${LAYERS.slice(i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles between files (type-only imports included).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'unknown-folder',
      comment: 'Every folder of the library has a place in LAYERS (.dependency-cruiser.cjs).',
      severity: 'error',
      from: {},
      to: { path: SRC, pathNot: `${SRC}(${LAYERS.join('|')})/|${SRC}[^/]+$` },
    },
    {
      name: 'no-orphans',
      comment: 'A source file nothing imports is dead code (entry points and tests aside).',
      severity: 'error',
      from: {
        orphan: true,
        path: `${SRC}|^apps/[^/]+/src/`,
        pathNot: '\\.spec\\.ts$|/index\\.ts$|/main\\.ts$|\\.d\\.ts$',
      },
      to: {},
    },
    {
      name: 'kafkajs-only-in-client',
      comment: 'kafkajs is imported in libs/kafka-kit/src/client/ only, so the client can be replaced.',
      severity: 'error',
      from: { path: `${SRC}|^apps/[^/]+/src/`, pathNot: `${SRC}client/` },
      to: { path: '(^|/)node_modules/kafkajs/' },
    },
    {
      name: 'platformatic-only-in-its-driver',
      comment:
        '@platformatic/kafka is imported in client/platformatic/ only: the rest of the library does not know which driver runs.',
      severity: 'error',
      from: { path: `${SRC}|^apps/[^/]+/src/`, pathNot: `${SRC}client/platformatic/` },
      to: { path: '(^|/)node_modules/@platformatic/kafka/' },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
  },
};
