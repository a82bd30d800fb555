// The files a local broker needs: server.properties and a logging config that writes to stdout
// (which `up` redirects into the broker's log file). 4.x reads log4j2, 3.x reads reload4j.

/**
 * Properties of one combined broker+controller node. Replication settings follow the size.
 * `listeners` adds client listeners beside PLAINTEXT (e.g. SASL or SSL, whose settings come in
 * `properties`); brokers always talk to each other over PLAINTEXT.
 */
export function brokerProperties({
  nodeId,
  port,
  controllerPort,
  voters,
  dataDir,
  brokers,
  listeners = [],
  properties = {},
}) {
  const rf = Math.min(brokers, 3);
  const minIsr = brokers >= 3 ? 2 : 1;
  const extra = listeners.map((l) => `,${l.name}://127.0.0.1:${l.port}`).join('');
  const protocols = listeners.map((l) => `,${l.name}:${l.protocol}`).join('');
  return `${[
    'process.roles=broker,controller',
    `node.id=${nodeId}`,
    `controller.quorum.voters=${voters}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}${extra}`,
    `advertised.listeners=PLAINTEXT://127.0.0.1:${port}${extra}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    `listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT${protocols}`,
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${minIsr}`,
    `offsets.topic.replication.factor=${rf}`,
    // Fewer offsets partitions than the default 50: the first consumer group joins in a second.
    'offsets.topic.num.partitions=10',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${minIsr}`,
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${minIsr}`,
    // Tests create and join groups constantly; the default 3 s delay would dominate them.
    'group.initial.rebalance.delay.ms=0',
    // KIP-848 groups take their session timeout and heartbeat interval from the broker, whose
    // floors are 45 s and 5 s; tests that kill a consumer set a 6 s session (a group config).
    'group.consumer.min.session.timeout.ms=6000',
    'group.consumer.min.heartbeat.interval.ms=100',
    'auto.create.topics.enable=true',
    ...Object.entries(properties).map(([k, v]) => `${k}=${v}`),
  ].join('\n')}\n`;
}

export function log4j2Config() {
  return `${[
    'status = warn',
    'appender.out.type = Console',
    'appender.out.name = OUT',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.out.ref = OUT',
  ].join('\n')}\n`;
}

export function log4j1Config() {
  return `${[
    'log4j.rootLogger=INFO, out',
    'log4j.appender.out=org.apache.log4j.ConsoleAppender',
    'log4j.appender.out.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.out.layout.ConversionPattern=[%d] %p %m (%c)%n',
  ].join('\n')}\n`;
}
