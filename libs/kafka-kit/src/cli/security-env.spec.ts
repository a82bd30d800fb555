import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { securityFromEnv } from './security-env.js';

describe('securityFromEnv', () => {
  it('is undefined without any security variable', () => {
    expect(securityFromEnv({ KAFKA_BROKERS: 'a:9092' })).toBeUndefined();
  });

  it('reads SASL credentials and a CA file', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'ca-')), 'ca.pem');
    writeFileSync(ca, 'PEM');
    expect(
      securityFromEnv({
        KAFKA_SSL_CA: ca,
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'app',
        KAFKA_SASL_PASSWORD: 's3cret',
      }),
    ).toEqual({
      ssl: { ca: ['PEM'] },
      sasl: { mechanism: 'scram-sha-512', username: 'app', password: 's3cret' },
    });
    expect(securityFromEnv({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
  });

  it('refuses an unknown mechanism or a missing password, without echoing secrets', () => {
    expect(() => securityFromEnv({ KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(
      /KAFKA_SASL_MECHANISM must be one of/,
    );
    const missing = () => securityFromEnv({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'app' });
    expect(missing).toThrow(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/);
  });
});
