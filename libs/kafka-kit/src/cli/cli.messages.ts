export const USAGE = `Usage: nest-kafka-kit dlq <list|peek|replay> <dlq-topic> [options]

  list      partitions, offsets and one line per record (reason, error, origin, replays)
  peek      records as JSON lines: decoded headers, key, value
  replay    send records back to their original topic and partition

Options:
  --brokers <host:port,...>   default: $KAFKA_BROKERS, else 127.0.0.1:9092
  --partition <n>             only this partition
  --from <offset>             first offset (inclusive)
  --to <offset>               last offset (exclusive)
  --limit <n>                 at most n records (list: default 50)
  --where <name=value>        only records whose failure field (reason, errorClass,
                              originalTopic, consumerGroup, ...), header or key equals value;
                              repeatable, all must match
  --dry-run                   replay: show what would be sent, send nothing
  --max-replays <n>           replay: refuse records replayed n times already (default 3)

Secured clusters (environment only, so no secret is on the command line):
  KAFKA_SSL=true              TLS with the system CAs
  KAFKA_SSL_CA=<file>         TLS, trusting this PEM CA
  KAFKA_SASL_MECHANISM        plain, scram-sha-256 or scram-sha-512
  KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD`;

export function unknownArgument(arg: string): string {
  return `unknown argument ${arg}\n\n${USAGE}`;
}

export const DASHBOARD_USAGE = `Usage: nest-kafka-kit dashboard --groups <group,...> [options]

  Serves the read-only operations dashboard for groups of other applications, from their
  committed offsets (as Burrow does); this process consumes nothing.

Options:
  --groups <a,b,...>          the consumer groups to watch (required; repeatable)
  --brokers <host:port,...>   default: $KAFKA_BROKERS, else 127.0.0.1:9092
  --port <n>                  default: 3900 (0: any free port)
  --host <address>            default: 127.0.0.1
  --interval-ms <n>           lag sampling interval, default: 5000
  --driver <name>             kafkajs (default) or platformatic, which also sees the members
                              of KIP-848 (group.protocol=consumer) groups

Secured clusters (environment only, so no secret is on the command line):
  KAFKA_SSL=true              TLS with the system CAs
  KAFKA_SSL_CA=<file>         TLS, trusting this PEM CA
  KAFKA_SASL_MECHANISM        plain, scram-sha-256 or scram-sha-512
  KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD`;

export function unknownDashboardArgument(arg: string): string {
  return `unknown argument ${arg}\n\n${DASHBOARD_USAGE}`;
}

export function badSecurityEnv(why: string): string {
  return `invalid security settings: ${why}`;
}
