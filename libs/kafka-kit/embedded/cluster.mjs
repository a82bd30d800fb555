// Starts, inspects and stops a real Apache Kafka (KRaft, no ZooKeeper) from Maven Central jars.
// Every cluster is tracked by a state file under the state dir, keyed by its first port, so
// `down` stops exactly the processes `up` started (by pid, never by process name).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { ensureJars } from './jars.mjs';
import { brokerProperties, log4j1Config, log4j2Config } from './config-files.mjs';

/** The newest 4.x on which the whole suite passes with kafkajs 2.2.4. */
export const DEFAULT_KAFKA_VERSION = '4.3.1';
/** 9092, or KAFKA_PORT when set (e.g. to run a second suite beside a broker already on 9092). */
export const DEFAULT_PORT = Number(process.env.KAFKA_PORT ?? 9092);
/** Pid files, configs, data and logs: `.kafka/` in the directory the tests or CLI run from. */
export const DEFAULT_STATE_DIR = resolve(process.env.KAFKA_KIT_STATE_DIR ?? '.kafka');
/** Controller (KRaft quorum) ports sit this far above the client ports, unless told otherwise. */
const CONTROLLER_PORT_OFFSET = 100;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function stateFile(stateDir, port) {
  return join(stateDir, `cluster-${port}`, 'state.json');
}

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Guards against a recycled pid: the process must still be the broker we started. */
function isOurBroker(broker) {
  if (!isAlive(broker.pid)) return false;
  try {
    return readFileSync(`/proc/${broker.pid}/cmdline`, 'utf8').includes(broker.config);
  } catch {
    return true; // no procfs (macOS): the pid check above is all we have
  }
}

export function portOpen(port, host = '127.0.0.1', timeoutMs = 500) {
  return new Promise((done) => {
    const socket = net.connect({ port, host });
    const finish = (open) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Reads the state of the cluster whose first port is `port`, or undefined. */
export function readCluster({ port = DEFAULT_PORT, stateDir = DEFAULT_STATE_DIR } = {}) {
  const file = stateFile(stateDir, port);
  if (!existsSync(file)) return undefined;
  const cluster = JSON.parse(readFileSync(file, 'utf8'));
  return { ...cluster, brokers: cluster.brokers.map((b) => ({ ...b, alive: isOurBroker(b) })) };
}

export function listClusters(stateDir = DEFAULT_STATE_DIR) {
  if (!existsSync(stateDir)) return [];
  return readdirSync(stateDir)
    .filter((d) => d.startsWith('cluster-'))
    .map((d) => readCluster({ port: Number(d.slice('cluster-'.length)), stateDir }))
    .filter(Boolean);
}

export function bootstrapServers(cluster) {
  return cluster.brokers.map((b) => `127.0.0.1:${b.port}`).join(',');
}

async function waitForMetadata(cluster, timeoutMs, log) {
  const { Kafka, logLevel } = await import('kafkajs');
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const dead = cluster.brokers.find((b) => !isAlive(b.pid));
    if (dead) {
      const tail = readFileSync(dead.log, 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(
        `broker ${dead.nodeId} (pid ${dead.pid}) exited during start-up; log ${dead.log}:\n${tail}`,
      );
    }
    const admin = new Kafka({
      brokers: [bootstrapServers(cluster).split(',')[0]],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
      connectionTimeout: 1000,
    }).admin();
    try {
      await admin.connect();
      const { brokers } = await admin.describeCluster();
      if (brokers.length >= cluster.brokers.length) return;
      lastError = new Error(`${brokers.length} of ${cluster.brokers.length} brokers registered`);
    } catch (err) {
      lastError = err;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await sleep(250);
  }
  log(`last error: ${lastError?.message}`);
  throw new Error(
    `Kafka did not serve metadata within ${timeoutMs} ms (logs: ${cluster.brokers.map((b) => b.log).join(', ')})`,
  );
}

async function runJava(classpath, args, logFile) {
  const out = openSync(logFile, 'a');
  await new Promise((done, fail) => {
    const p = spawn('java', ['-cp', `${classpath}/*`, ...args], { stdio: ['ignore', out, out] });
    p.on('error', fail);
    p.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`java ${args[0]} exited ${code}; see ${logFile}`)),
    );
  });
}

/**
 * Starts a cluster of `brokers` combined broker+controller nodes on 127.0.0.1:port..port+n-1.
 * Returns `{ started: false }` with the running cluster when one is already up on that port.
 * A single broker may get more client listeners (`listeners`, `properties`) and SCRAM users
 * (`scramUsers`, created when the storage is formatted), to test secured connections.
 * `controllerPortOffset` (default 100) places the controllers, e.g. inside a port range of one's own.
 */
export async function up({
  brokers = 1,
  port = DEFAULT_PORT,
  version = process.env.KAFKA_VERSION ?? DEFAULT_KAFKA_VERSION,
  stateDir = DEFAULT_STATE_DIR,
  heapMb = 512,
  timeoutMs = 90_000,
  listeners = [],
  properties = {},
  scramUsers = [],
  controllerPortOffset = CONTROLLER_PORT_OFFSET,
  log = console.log,
} = {}) {
  if (brokers > 1 && (listeners.length > 0 || scramUsers.length > 0)) {
    throw new Error('extra listeners and SCRAM users are for a single broker');
  }
  const existing = readCluster({ port, stateDir });
  if (existing?.brokers.every((b) => b.alive)) return { started: false, cluster: existing };
  if (existing) await down({ port, stateDir, log: () => {} });

  const ports = Array.from({ length: brokers }, (_, i) => port + i);
  const extraPorts = listeners.map((l) => l.port);
  for (const p of [...ports, ...ports.map((p) => p + controllerPortOffset), ...extraPorts]) {
    if (await portOpen(p)) throw new Error(`port ${p} is in use by a process kafka:up did not start`);
  }

  const classpath = await ensureJars(version, log);
  const clusterDir = dirname(stateFile(stateDir, port));
  rmSync(clusterDir, { recursive: true, force: true }); // a cluster that is not running starts clean
  mkdirSync(clusterDir, { recursive: true });
  writeFileSync(join(clusterDir, 'log4j2.properties'), log4j2Config());
  writeFileSync(join(clusterDir, 'log4j.properties'), log4j1Config());

  const clusterId = newClusterId();
  const voters = ports.map((p, i) => `${i + 1}@127.0.0.1:${p + controllerPortOffset}`).join(',');
  const nodes = ports.map((p, i) => {
    const nodeId = i + 1;
    const config = join(clusterDir, `broker-${nodeId}.properties`);
    const dataDir = join(clusterDir, `data-${nodeId}`);
    writeFileSync(
      config,
      brokerProperties({
        nodeId,
        port: p,
        controllerPort: p + controllerPortOffset,
        voters,
        dataDir,
        brokers,
        listeners,
        properties,
      }),
    );
    return { nodeId, port: p, config, dataDir, log: join(clusterDir, `broker-${nodeId}.log`) };
  });

  const scram = scramUsers.flatMap(({ mechanism, username, password }) => [
    '--add-scram',
    `${mechanism}=[name=${username},password=${password}]`,
  ]);
  for (const node of nodes) {
    await runJava(
      classpath,
      [
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        node.config,
        '--ignore-formatted',
        ...scram,
      ],
      node.log,
    );
  }
  for (const node of nodes) node.pid = startBrokerProcess(classpath, clusterDir, heapMb, node);
  const cluster = {
    version,
    port,
    clusterId,
    heapMb,
    startedAt: new Date().toISOString(),
    brokers: nodes,
  };
  writeFileSync(stateFile(stateDir, port), JSON.stringify(cluster, null, 2));
  try {
    await waitForMetadata(cluster, timeoutMs, log);
  } catch (err) {
    await down({ port, stateDir, log: () => {} });
    throw err;
  }
  return { started: true, cluster: readCluster({ port, stateDir }) };
}

/** Starts one broker of a formatted cluster in the background; returns its pid. */
function startBrokerProcess(classpath, clusterDir, heapMb, node) {
  const jvm = [
    `-Xmx${heapMb}m`,
    `-Xms${Math.min(heapMb, 256)}m`,
    '-XX:+UseG1GC',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${join(clusterDir, 'log4j2.properties')}`,
    `-Dlog4j.configuration=file:${join(clusterDir, 'log4j.properties')}`,
  ];
  const out = openSync(node.log, 'a');
  const child = spawn('java', [...jvm, '-cp', `${classpath}/*`, 'kafka.Kafka', node.config], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  return child.pid;
}

/** What `kafka-storage random-uuid` prints (a base64url UUID), without starting a JVM for it. */
function newClusterId() {
  // Like Kafka's Uuid.randomUuid(): never starting with '-', which the tools' argument parser
  // would take for an option (1 run in 64 failed to format before this).
  for (;;) {
    const id = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

/** Stops one broker hard (SIGKILL), for failover tests. */
export function killBroker(broker) {
  if (isOurBroker(broker)) process.kill(broker.pid, 'SIGKILL');
}

/**
 * Starts again a broker of the cluster on `port` that is no longer running (killed by a
 * failover test), on its config and data, and waits until its client port accepts connections.
 * Returns the cluster's state with the broker's new pid.
 */
export async function restartBroker({
  port = DEFAULT_PORT,
  stateDir = DEFAULT_STATE_DIR,
  nodeId,
  timeoutMs = 90_000,
} = {}) {
  const cluster = readCluster({ port, stateDir });
  const broker = cluster?.brokers.find((b) => b.nodeId === nodeId);
  if (!broker) throw new Error(`no broker ${nodeId} in a cluster started by kafka:up on port ${port}`);
  if (broker.alive) throw new Error(`broker ${nodeId} (pid ${broker.pid}) is still running`);
  const classpath = await ensureJars(cluster.version, () => {});
  const clusterDir = dirname(stateFile(stateDir, port));
  broker.pid = startBrokerProcess(classpath, clusterDir, cluster.heapMb ?? 512, broker);
  const { brokers, ...rest } = cluster;
  const saved = { ...rest, brokers: brokers.map(({ alive: _alive, ...b }) => b) };
  writeFileSync(stateFile(stateDir, port), JSON.stringify(saved, null, 2));
  const deadline = Date.now() + timeoutMs;
  while (!(await portOpen(broker.port))) {
    if (!isAlive(broker.pid)) throw new Error(`broker ${nodeId} exited during restart; log ${broker.log}`);
    if (Date.now() > deadline) throw new Error(`broker ${nodeId} did not listen within ${timeoutMs} ms`);
    await sleep(200);
  }
  return readCluster({ port, stateDir });
}

/** Stops every broker of the cluster on `port` that `up` started; SIGKILL after `graceMs`. */
export async function down({
  port = DEFAULT_PORT,
  stateDir = DEFAULT_STATE_DIR,
  graceMs = 30_000,
  log = console.log,
} = {}) {
  const cluster = readCluster({ port, stateDir });
  if (!cluster) {
    log(`no cluster started by kafka:up on port ${port}`);
    return false;
  }
  const running = cluster.brokers.filter((b) => b.alive);
  for (const b of running) process.kill(b.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (running.some((b) => isAlive(b.pid)) && Date.now() < deadline) await sleep(200);
  for (const b of running.filter((b) => isAlive(b.pid))) process.kill(b.pid, 'SIGKILL');
  rmSync(stateFile(stateDir, port), { force: true });
  log(`stopped ${running.length} broker(s) on port ${port}`);
  return true;
}
