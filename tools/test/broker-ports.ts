// Ports of the brokers that single tests start for themselves (to kill them, or to test starting
// one), in one place so no two tests collide. Controllers listen 100 above each broker port.
// All sit below Linux's ephemeral range (32768-60999): there, the local port of any client socket
// the suite opens could already hold a test broker's port when it starts (seen: BindException).
// TEST_PORT_OFFSET (default 0) shifts every one of them, so two checkouts can run the suite on one
// machine at the same time.
const offset = Number(process.env.TEST_PORT_OFFSET ?? 0);

const BASE_PORTS = {
  /** The suite's own broker (npm run kafka:up): 9092. CI and the README use 19092 beside it. */
  threeBrokers: 29092, // 29092-29094
  brokerOutage: 21092,
  consumerCrash: 22092,
  embeddedKafka: 23092,
  secured: 24092, // SASL_PLAINTEXT on 24093, SSL on 24094
  // SASL_SSL and ACLs (libs/kafka-kit/test/secured-broker.ts): SASL_SSL one above, controller 50 above.
  acl: 19100,
  unwritableFailureTopics: 19110,
  /** The demo's own broker, so its counts see no other test's records. */
  demo: 13190,
  /** The demo's apps listen from these up (13100-13189). */
  demoAppsTty: 13130,
  demoAppsNoTty: 13120,
  /** The chaos tests' 3-broker cluster: 19300-19302, controllers 50 above (19350-19352). */
  chaosCluster: 19300,
  /** click-collector's 503 test: a broker it SIGSTOPs; controller 50 above (19550). */
  stalledCollectorBroker: 19500,
} as const;

export const TEST_BROKER_PORTS = Object.fromEntries(
  Object.entries(BASE_PORTS).map(([name, port]) => [name, port + offset]),
) as { readonly [name in keyof typeof BASE_PORTS]: number };
