// TLS material made at test time with openssl: a CA that lives for one run, and a certificate for
// 127.0.0.1 it signed, in the PKCS12 keystore the broker reads. Clients trust the CA's PEM only.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BrokerTls {
  /** The CA certificate (PEM): what a client passes as `ssl: { ca: [pem] }`. */
  caPem: string;
  keystore: string;
  password: string;
}

export function makeThrowawayCa(dir: string): BrokerTls {
  const file = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const password = randomBytes(12).toString('hex');
  // One option and its value per line.
  // prettier-ignore
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2',
    '-subj', '/CN=nest-kafka-kit throwaway test CA',
    '-keyout', file('ca.key'), '-out', file('ca.pem'));
  // prettier-ignore
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1',
    '-keyout', file('broker.key'), '-out', file('broker.csr'));
  writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  // prettier-ignore
  openssl('x509', '-req', '-days', '2', '-in', file('broker.csr'),
    '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-extfile', file('san.ext'), '-out', file('broker.pem'));
  // prettier-ignore
  openssl('pkcs12', '-export', '-in', file('broker.pem'), '-inkey', file('broker.key'),
    '-certfile', file('ca.pem'), '-name', 'broker',
    '-out', file('broker.p12'), '-passout', `pass:${password}`);
  return { caPem: readFileSync(file('ca.pem'), 'utf8'), keystore: file('broker.p12'), password };
}
