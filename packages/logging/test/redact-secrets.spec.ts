import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { CENSOR, loggerOptions, redactSecrets, redactUrl } from '../src/index.ts';

/** A platform logger whose lines land in memory, as text: what a log file would hold. */
function memoryLogger() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: pino(loggerOptions('test', 'info'), stream), text: () => text };
}

describe('redactSecrets', () => {
  const secrets = [
    'sasl-password-1',
    'registry-password-2',
    'api-token-0123456789',
    'admin-token-0123456789',
  ];
  const config = {
    kafka: {
      brokers: ['127.0.0.1:9092'],
      sasl: { mechanism: 'plain', username: 'svc', password: 'sasl-password-1' },
    },
    registry: { url: 'http://r', auth: { username: 'svc', password: 'registry-password-2' } },
    auth: {
      opsTokens: ['ops-token-0123456789'],
      adminTokens: ['admin-token-0123456789'],
      jwt: { secret: 'jwt-secret-0123456789-0123456789-ab' },
    },
  };

  it('censors passwords and tokens at any depth in what is logged, keeping the rest', () => {
    const { logger, text } = memoryLogger();
    logger.info({ config }, 'configuration');
    const line = JSON.parse(text()) as { config: typeof config };
    for (const secret of secrets) expect(text()).not.to.contain(secret);
    expect(line.config.kafka.sasl).to.deep.equal({ mechanism: 'plain', username: 'svc', password: CENSOR });
    expect(line.config.registry.auth.password).to.equal(CENSOR);
    expect(line.config.auth).to.deep.equal({
      opsTokens: CENSOR,
      adminTokens: CENSOR,
      jwt: { secret: CENSOR },
    });
    expect(line.config.kafka.brokers).to.deep.equal(['127.0.0.1:9092']);
  });

  it('censors request headers and environment variables that hold credentials', () => {
    const { logger, text } = memoryLogger();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer api-token-0123456789', cookie: 'sid=1', accept: '*/*' } },
        env: { OPS_TOKENS: 'ops-token-0123456789', KAFKA_SASL_PASSWORD: 'sasl-password-1', HOME: '/root' },
      },
      'request',
    );
    for (const secret of [...secrets, 'sid=1']) expect(text()).not.to.contain(secret);
    expect(text()).to.contain('/root').and.to.contain('*/*');
  });

  it('leaves the caller’s object and errors as they were', () => {
    const error = new Error('boom');
    const input = { config, err: error };
    const output = redactSecrets(input);
    expect(input.config.kafka.sasl.password).to.equal('sasl-password-1');
    expect(output.err).to.equal(error);
  });

  it('survives a circular object', () => {
    const loop: Record<string, unknown> = { password: 'x' };
    loop.self = loop;
    expect(redactSecrets(loop)).to.deep.equal({ password: CENSOR, self: '[circular]' });
  });
});

describe('redactUrl', () => {
  it('masks the password of every URL in a text, and keeps the user and the rest', () => {
    expect(
      redactUrl('registry at http://ops:hunter2@reg:8081/apis failed; see https://a:b@c.example/x'),
    ).to.equal('registry at http://ops:***@reg:8081/apis failed; see https://a:***@c.example/x');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactUrl('http://127.0.0.1:8081/apis/ccompat/v7')).to.equal(
      'http://127.0.0.1:8081/apis/ccompat/v7',
    );
  });
});
