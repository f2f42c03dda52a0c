import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '@saga/config';
import { CaFileError } from '../src/ca-file-error.ts';
import { kafkaClientOptions } from '../src/kafka-client-options.ts';

const pem = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const dir = mkdtempSync(join(tmpdir(), 'kafka-client-options-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, pem);

/** Options as a service builds them: from the environment, through the real configuration loader. */
const optionsFor = (env: Record<string, string>) =>
  kafkaClientOptions(loadConfig({ KAFKA_BROKERS: 'b1:9093,b2:9093', ...env }));

describe('kafkaClientOptions', () => {
  it('connects in the clear and without SASL when neither is configured', () => {
    expect(optionsFor({})).to.deep.equal({ brokers: ['b1:9093', 'b2:9093'] });
  });

  it('turns TLS on with the system CAs for KAFKA_SSL=true', () => {
    expect(optionsFor({ KAFKA_SSL: 'true' })).to.deep.equal({ brokers: ['b1:9093', 'b2:9093'], ssl: true });
  });

  it('trusts exactly the CA in KAFKA_SSL_CA_FILE, which implies TLS', () => {
    expect(optionsFor({ KAFKA_SSL_CA_FILE: caFile }).ssl).to.deep.equal({ ca: [pem] });
    expect(optionsFor({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: caFile }).ssl).to.deep.equal({ ca: [pem] });
  });

  for (const mechanism of ['scram-sha-256', 'scram-sha-512', 'plain'] as const) {
    it(`logs in with SASL ${mechanism} as configured`, () => {
      const options = optionsFor({
        KAFKA_SASL_MECHANISM: mechanism,
        KAFKA_SASL_USERNAME: 'svc-orders',
        KAFKA_SASL_PASSWORD: 's3cret',
      });
      expect(options.sasl).to.deep.equal({ mechanism, username: 'svc-orders', password: 's3cret' });
      expect(options).not.to.have.property('ssl');
    });
  }

  it('combines TLS and SASL, as managed clusters (e.g. Confluent Cloud: SASL_SSL with PLAIN) need', () => {
    const options = optionsFor({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'plain',
      KAFKA_SASL_USERNAME: 'API_KEY',
      KAFKA_SASL_PASSWORD: 'API_SECRET',
    });
    expect(options).to.deep.equal({
      brokers: ['b1:9093', 'b2:9093'],
      ssl: true,
      sasl: { mechanism: 'plain', username: 'API_KEY', password: 'API_SECRET' },
    });
  });

  it('stops with the variable and the path when the CA file cannot be read', () => {
    const missing = join(dir, 'no-such-ca.pem');
    expect(() => optionsFor({ KAFKA_SSL_CA_FILE: missing }))
      .to.throw(CaFileError)
      .with.property('message')
      .that.includes(`KAFKA_SSL_CA_FILE=${missing} cannot be read`)
      .and.includes('ENOENT');
  });

  it('stops when the CA file holds no PEM certificate, instead of failing later in the TLS handshake', () => {
    const key = join(dir, 'key.pem');
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    const error = (() => {
      try {
        optionsFor({ KAFKA_SSL_CA_FILE: key });
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).to.be.instanceOf(CaFileError);
    expect((error as CaFileError).code).to.equal('KAFKA_CA_FILE_UNUSABLE');
    expect((error as CaFileError).path).to.equal(key);
    expect((error as Error).message).to.include('holds no PEM certificate');
  });
});
