// SSL and SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) against a real broker with those listeners:
// the module's `ssl` and `sasl` options through the public API, producing and consuming.
import { Injectable, type INestApplicationContext } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KafkaConsumer,
  KafkaListener,
  KafkaProducer,
  Payload,
  type KafkaModuleOptions,
} from 'nest-kafka-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BROKER_PORTS } from '../../../tools/test/broker-ports.js';
import { down, up } from '../embedded/cluster.mjs';
import { startKafkaApp, uniqueName, waitFor } from './support.js';

const PORT = TEST_BROKER_PORTS.secured;
const SASL_PORT = PORT + 1;
const SSL_PORT = PORT + 2;
const USERS = {
  plain: { username: 'alice', password: 'alice-secret' },
  scram256: { username: 'bob', password: 'bob-secret' },
  scram512: { username: 'carol', password: 'carol-secret' },
};
const SCRAM_MODULE = 'org.apache.kafka.common.security.scram.ScramLoginModule required;';

/** A self-signed certificate for 127.0.0.1 in a PKCS12 keystore, and its PEM for clients. */
function makeCertificate(dir: string): { keystore: string; password: string; pem: string } {
  const keystore = join(dir, 'broker.p12');
  const password = 'keystore-secret';
  const keytool = (...args: string[]) => execFileSync('keytool', args, { stdio: 'pipe' });
  // One option and its value per line.
  // prettier-ignore
  keytool(
    '-genkeypair',
    '-alias', 'broker',
    '-keyalg', 'RSA',
    '-keysize', '2048',
    '-validity', '2',
    '-dname', 'CN=127.0.0.1',
    '-ext', 'SAN=ip:127.0.0.1,dns:localhost',
    '-storetype', 'PKCS12',
    '-keystore', keystore,
    '-storepass', password,
  );
  const pemFile = join(dir, 'broker.pem');
  keytool(
    '-exportcert',
    '-rfc',
    '-alias',
    'broker',
    '-keystore',
    keystore,
    '-storepass',
    password,
    '-file',
    pemFile,
  );
  return { keystore, password, pem: readFileSync(pemFile, 'utf8') };
}

describe('secured connections', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'kafka-secured-'));
  let pem: string;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    const cert = makeCertificate(stateDir);
    pem = cert.pem;
    await up({
      port: PORT,
      stateDir,
      heapMb: 384,
      listeners: [
        { name: 'SASL', port: SASL_PORT, protocol: 'SASL_PLAINTEXT' },
        { name: 'SSL', port: SSL_PORT, protocol: 'SSL' },
      ],
      properties: {
        'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
        'listener.name.sasl.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required user_${USERS.plain.username}="${USERS.plain.password}";`,
        'listener.name.sasl.scram-sha-256.sasl.jaas.config': SCRAM_MODULE,
        'listener.name.sasl.scram-sha-512.sasl.jaas.config': SCRAM_MODULE,
        'listener.name.ssl.ssl.keystore.type': 'PKCS12',
        'listener.name.ssl.ssl.keystore.location': cert.keystore,
        'listener.name.ssl.ssl.keystore.password': cert.password,
        'listener.name.ssl.ssl.key.password': cert.password,
      },
      scramUsers: [
        { mechanism: 'SCRAM-SHA-256', ...USERS.scram256 },
        { mechanism: 'SCRAM-SHA-512', ...USERS.scram512 },
      ],
      log: () => {},
    });
  }, 180_000);
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  afterAll(async () => {
    await down({ port: PORT, stateDir, log: () => {} });
    rmSync(stateDir, { recursive: true, force: true });
  });

  const sasl = (
    port: number,
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512',
    user = USERS.plain,
  ) => ({
    brokers: `127.0.0.1:${port}`,
    sasl: { mechanism, ...user },
  });
  const cases: [string, () => Partial<KafkaModuleOptions>][] = [
    [
      'SSL, the certificate checked against its CA',
      () => ({ brokers: `127.0.0.1:${SSL_PORT}`, ssl: { ca: [pem] } }),
    ],
    ['SASL/PLAIN', () => sasl(SASL_PORT, 'plain')],
    ['SASL/SCRAM-SHA-256', () => sasl(SASL_PORT, 'scram-sha-256', USERS.scram256)],
    ['SASL/SCRAM-SHA-512', () => sasl(SASL_PORT, 'scram-sha-512', USERS.scram512)],
  ];

  it.each(cases)('produces and consumes over %s', async (_, options) => {
    const topic = uniqueName('secured');
    const received: string[] = [];
    @Injectable()
    @KafkaConsumer({ groupId: uniqueName('secured-group'), fromBeginning: true })
    class SecuredListener {
      @KafkaListener(topic, { topic: { partitions: 1 } })
      async handle(@Payload() value: { text: string }) {
        received.push(value.text);
      }
    }
    app = await startKafkaApp([SecuredListener], options());
    await app.get(KafkaProducer).send(topic, [{ value: { text: 'over the wire' } }]);
    await waitFor('the record to come back', () => received.length === 1);
    expect(received).toEqual(['over the wire']);
  });

  /** The error an app with `options` fails to start with (it must fail: it connects at startup). */
  async function startupError(options: Partial<KafkaModuleOptions>): Promise<Error> {
    const started = await startKafkaApp([], {
      ...options,
      retry: { retries: 0 },
      topics: [{ topic: uniqueName('never') }],
    }).then(
      (app) => app.close(),
      (err: Error) => err,
    );
    if (!(started instanceof Error)) throw new Error('the app started, but it should not have');
    return started;
  }

  it('fails at startup on a wrong password, naming the authentication and never the password', async () => {
    const wrong = { username: USERS.scram256.username, password: 'not-the-password-42' };
    const error = await startupError(sasl(SASL_PORT, 'scram-sha-256', wrong));
    expect(error.message).toMatch(/authentication/i);
    expect(`${error.message} ${error.stack}`).not.toContain(wrong.password);
  });

  it('refuses an SSL broker whose certificate the client does not trust', async () => {
    const error = await startupError({ brokers: `127.0.0.1:${SSL_PORT}`, ssl: true });
    expect(`${error.message} ${String(error.cause ?? '')}`).toMatch(/self[- ]signed|certificate/i);
  });
});
