// A broker of a test's own with a SASL_SSL listener (SCRAM-SHA-512, TLS from a throwaway CA),
// ACLs enforced by KRaft's StandardAuthorizer and topic auto-creation off, started by the same
// embedded cluster code as every other test broker. Apps connect over SASL_SSL as one of
// `users`; the test itself administers the broker (ACLs, topics) over the PLAINTEXT listener,
// whose ANONYMOUS principal is the super user (brokers and controller talk over it too).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  Kafka,
  logLevel,
  ResourcePatternTypes,
  type AclEntry,
  type Admin,
} from 'kafkajs';
import type { KafkaModuleOptions } from 'nest-kafka-kit';
import { down, up } from '../embedded/cluster.mjs';
import { makeThrowawayCa } from './throwaway-ca.js';

export interface Principal {
  username: string;
  password: string;
}

export type AclOperation = keyof typeof AclOperationTypes;

/** One ACL: `user` may (or, with `deny`, may not) do `operation` on a topic or group. */
export interface AclGrant {
  user: string;
  resource: 'topic' | 'group' | 'cluster';
  /** A literal name, or a prefix with `prefixed`. */
  name: string;
  prefixed?: boolean;
  operation: AclOperation;
  deny?: boolean;
}

export interface SecuredBroker {
  users: Record<string, Principal>;
  /** The throwaway CA's certificate (PEM), and a file holding it (for the CLI's KAFKA_SSL_CA). */
  caPem: string;
  caFile: string;
  /** The broker keystore's password: a secret too, which nothing may print. */
  keystorePassword: string;
  /** KafkaModule options that connect as `user` over SASL_SSL. */
  connectAs(user: string): Pick<KafkaModuleOptions, 'brokers' | 'ssl' | 'sasl'>;
  /** Runs `work` with a super-user admin (PLAINTEXT listener). */
  admin<T>(work: (admin: Admin) => Promise<T>): Promise<T>;
  grant(...acls: AclGrant[]): Promise<void>;
  revoke(...acls: AclGrant[]): Promise<void>;
  stop(): Promise<void>;
}

const RESOURCE = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  cluster: AclResourceTypes.CLUSTER,
} as const;

function aclEntry(acl: AclGrant): AclEntry {
  return {
    resourceType: RESOURCE[acl.resource],
    resourceName: acl.resource === 'cluster' ? 'kafka-cluster' : acl.name,
    resourcePatternType: acl.prefixed ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
    principal: `User:${acl.user}`,
    host: '*',
    operation: AclOperationTypes[acl.operation],
    permissionType: acl.deny ? AclPermissionTypes.DENY : AclPermissionTypes.ALLOW,
  };
}

/**
 * Starts the broker on `port` (PLAINTEXT), `port + 1` (SASL_SSL), controller at `port + 50`.
 * Every user gets a random password; none has any right until `grant`.
 */
export async function startSecuredBroker(port: number, usernames: string[]): Promise<SecuredBroker> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kafka-acl-'));
  const tls = makeThrowawayCa(stateDir);
  const securePort = port + 1;
  const users = Object.fromEntries(
    usernames.map((u) => [u, { username: u, password: `pw-${randomBytes(12).toString('hex')}` }]),
  );
  await up({
    port,
    stateDir,
    heapMb: 384,
    controllerPortOffset: 50,
    listeners: [{ name: 'SECURE', port: securePort, protocol: 'SASL_SSL' }],
    properties: {
      'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'listener.name.secure.scram-sha-512.sasl.jaas.config':
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      'listener.name.secure.ssl.keystore.type': 'PKCS12',
      'listener.name.secure.ssl.keystore.location': tls.keystore,
      'listener.name.secure.ssl.keystore.password': tls.password,
      'listener.name.secure.ssl.key.password': tls.password,
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'super.users': 'User:ANONYMOUS',
      'allow.everyone.if.no.acl.found': 'false',
      // A deleted DLQ must stay deleted: nothing may recreate it behind the test's back.
      'auto.create.topics.enable': 'false',
    },
    scramUsers: Object.values(users).map((u) => ({ mechanism: 'SCRAM-SHA-512' as const, ...u })),
    log: () => {},
  });
  const kafka = new Kafka({
    brokers: [`127.0.0.1:${port}`],
    clientId: 'test-acl-admin',
    logLevel: logLevel.NOTHING,
  });
  const admin = async <T>(work: (admin: Admin) => Promise<T>): Promise<T> => {
    const a = kafka.admin();
    await a.connect();
    try {
      return await work(a);
    } finally {
      await a.disconnect();
    }
  };
  return {
    users,
    caPem: tls.caPem,
    caFile: join(stateDir, 'ca.pem'),
    keystorePassword: tls.password,
    connectAs: (user) => ({
      brokers: [`127.0.0.1:${securePort}`],
      ssl: { ca: [tls.caPem] },
      sasl: { mechanism: 'scram-sha-512', ...users[user]! },
    }),
    admin,
    grant: (...acls) => admin((a) => a.createAcls({ acl: acls.map(aclEntry) })).then(() => undefined),
    revoke: (...acls) => admin((a) => a.deleteAcls({ filters: acls.map(aclEntry) })).then(() => undefined),
    async stop() {
      await down({ port, stateDir, log: () => {} });
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Committed offset of `groupId` per partition of `topic` ('-1': none). */
export function committedOffsets(
  broker: SecuredBroker,
  groupId: string,
  topic: string,
): Promise<Map<number, string>> {
  return broker.admin(async (a) => {
    const [t] = await a.fetchOffsets({ groupId, topics: [topic] });
    return new Map((t?.partitions ?? []).map((p) => [p.partition, p.offset]));
  });
}

/** Every right an app needs on the topics and groups that start with `prefix`. */
export function appRights(user: string, prefix: string): AclGrant[] {
  return [
    { user, resource: 'topic', name: prefix, prefixed: true, operation: 'ALL' },
    { user, resource: 'group', name: prefix, prefixed: true, operation: 'ALL' },
  ];
}
