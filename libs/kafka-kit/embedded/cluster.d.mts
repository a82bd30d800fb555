// Types for cluster.mjs, so TypeScript tests and the library's testing helper can drive it.
export interface BrokerState {
  nodeId: number;
  port: number;
  pid: number;
  config: string;
  dataDir: string;
  log: string;
  alive: boolean;
}
export interface ClusterState {
  version: string;
  port: number;
  clusterId: string;
  /** Heap of each broker JVM, in MiB (clusters started before this field: 512). */
  heapMb?: number;
  startedAt: string;
  brokers: BrokerState[];
}
export interface ExtraListener {
  /** Listener name, e.g. 'SASL'; its settings go in `properties` as listener.name.<name>.* */
  name: string;
  port: number;
  protocol: 'SASL_PLAINTEXT' | 'SSL' | 'SASL_SSL' | 'PLAINTEXT';
}
export interface ScramUser {
  mechanism: 'SCRAM-SHA-256' | 'SCRAM-SHA-512';
  username: string;
  password: string;
}
export interface UpOptions {
  brokers?: number;
  port?: number;
  version?: string;
  stateDir?: string;
  heapMb?: number;
  timeoutMs?: number;
  /** More client listeners (single broker only). */
  listeners?: ExtraListener[];
  /** More broker properties. */
  properties?: Record<string, string>;
  /** SCRAM credentials created at format time (single broker only). */
  scramUsers?: ScramUser[];
  /** Controller (KRaft quorum) ports sit this far above the client ports. @default 100 */
  controllerPortOffset?: number;
  log?: (line: string) => void;
}
export const DEFAULT_KAFKA_VERSION: string;
export const DEFAULT_PORT: number;
export const DEFAULT_STATE_DIR: string;
export function isAlive(pid: number): boolean;
export function portOpen(port: number, host?: string, timeoutMs?: number): Promise<boolean>;
export function readCluster(opts?: { port?: number; stateDir?: string }): ClusterState | undefined;
export function listClusters(stateDir?: string): ClusterState[];
export function bootstrapServers(cluster: ClusterState): string;
export function up(opts?: UpOptions): Promise<{ started: boolean; cluster: ClusterState }>;
export function killBroker(broker: BrokerState): void;
export function restartBroker(opts: {
  port?: number;
  stateDir?: string;
  nodeId: number;
  timeoutMs?: number;
}): Promise<ClusterState>;
export function down(opts?: {
  port?: number;
  stateDir?: string;
  graceMs?: number;
  log?: (line: string) => void;
}): Promise<boolean>;
