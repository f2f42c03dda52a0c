import { Writable } from 'node:stream';
import { expect } from 'chai';
import { pino } from 'pino';
import { loadConfig } from '@saga/config';
import { mintToken } from '@saga/identity';
import { loggerOptions } from '@saga/logging';
import { createHttpApp, createReadiness, requireRole } from '../src/index.ts';
import { serve } from './support/serve.ts';

/**
 * The whole HTTP edge with the platform's logger: whatever a request carries and whatever a route
 * logs, the log text never holds a bearer token or a configured password.
 */
describe('no secret in the logs', () => {
  const opsToken = 'ops-token-for-the-log-test-0123';
  const jwtSecret = 'jwt-secret-for-the-log-test-0123456789';
  const adminToken = 'admin-token-for-the-log-test-0123';
  const config = loadConfig({
    OPS_TOKENS: opsToken,
    AUTH_JWT_SECRET: jwtSecret,
    ADMIN_TOKENS: adminToken,
    KAFKA_SASL_MECHANISM: 'plain',
    KAFKA_SASL_USERNAME: 'svc',
    KAFKA_SASL_PASSWORD: 'kafka-password-in-config',
    SCHEMA_REGISTRY_USERNAME: 'svc',
    SCHEMA_REGISTRY_PASSWORD: 'registry-password-in-config',
  });
  let logged = '';
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged += chunk.toString();
        done();
      },
    });
    const logger = pino(loggerOptions('log-test', 'debug'), stream);
    const app = createHttpApp({
      logger,
      readiness: createReadiness({ probes: {} }),
      routes: (router) => {
        router.post('/things', requireRole(config.auth, 'ops'), (ctx) => {
          // The careless logging this guards against: the whole config and the request's headers.
          logger.info({ config, headers: ctx.headers }, 'thing received');
          ctx.body = { ok: true };
        });
        router.get('/fails', requireRole(config.auth, 'admin', 'customer'), () => {
          throw new Error('route failed');
        });
      },
    });
    server = await serve(app);
  });
  after(() => server.close());

  it('logs neither the bearer token nor the configured passwords', async () => {
    const ok = await fetch(`${server.url}/things?token=${opsToken}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${opsToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ok.status).to.equal(200);
    const refused = await fetch(`${server.url}/things`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}x` },
    });
    expect(refused.status).to.equal(401);
    const failed = await fetch(`${server.url}/fails`, { headers: { authorization: `Bearer ${adminToken}` } });
    expect(failed.status).to.equal(500);
    const jwt = await mintToken({ secret: jwtSecret, subject: 'alice', roles: ['customer'], ttlSeconds: 60 });
    const asCustomer = await fetch(`${server.url}/fails`, { headers: { authorization: `Bearer ${jwt}` } });
    expect(asCustomer.status).to.equal(500);
    const [, , signature] = jwt.split('.');

    expect(logged).to.contain('thing received').and.to.contain('"msg":"request"');
    for (const secret of [
      opsToken,
      adminToken,
      jwtSecret,
      signature ?? jwt,
      'kafka-password-in-config',
      'registry-password-in-config',
    ]) {
      expect(logged).not.to.contain(secret);
    }
  });
});
