import { expect } from 'chai';
import { z } from 'zod';
import {
  createHttpApp,
  createReadiness,
  jsonBodyParser,
  parseBody,
  requireRole,
  type Probe,
} from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

describe('createHttpApp', () => {
  const auth = { opsTokens: [], adminTokens: ['admin-token'], jwt: {} };
  const json = { 'content-type': 'application/json', authorization: 'Bearer admin-token' };
  let storeUp = true;
  const store: Probe = () => (storeUp ? Promise.resolve('ping ok') : Promise.reject(new Error('store down')));
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const app = createHttpApp({
      logger: memoryLogger().logger,
      readiness: createReadiness({ probes: { store }, cacheMs: 0 }),
      auth,
      routes: (router) => {
        router.post('/orders', requireRole(auth, 'admin'), jsonBodyParser({ limit: '1kb' }), (ctx) => {
          const order = parseBody(z.object({ customerId: z.string() }), ctx.request.body);
          ctx.status = 201;
          ctx.body = order;
        });
      },
    });
    server = await serve(app);
  });
  after(() => server.close());

  it('answers /healthz with 200 while the process runs, whatever the dependencies', async () => {
    storeUp = false;
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({ status: 'ok' });
  });

  const withToken = { headers: { authorization: 'Bearer admin-token' } };

  it('answers /readyz with 200 and every check when all are ok, to a caller with a token', async () => {
    storeUp = true;
    const response = await fetch(`${server.url}/readyz`, withToken);
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal({
      status: 'ready',
      checks: { store: { ok: true, detail: 'ping ok' } },
    });
  });

  it('answers /readyz with 503 and the failing check’s detail, to a caller with a token', async () => {
    storeUp = false;
    const response = await fetch(`${server.url}/readyz`, withToken);
    expect(response.status).to.equal(503);
    expect(await response.json()).to.deep.equal({
      status: 'not ready',
      checks: { store: { ok: false, detail: 'store down' } },
    });
  });

  it('answers /readyz to anyone else with ready or not ready only: no check, no detail', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-known-token' }, { authorization: 'Basic x' }]) {
      storeUp = true;
      const ready = await fetch(`${server.url}/readyz`, { headers });
      expect(ready.status).to.equal(200);
      expect(await ready.json()).to.deep.equal({ status: 'ready' });
      storeUp = false;
      const notReady = await fetch(`${server.url}/readyz`, { headers });
      expect(notReady.status).to.equal(503);
      expect(await notReady.json()).to.deep.equal({ status: 'not ready' });
    }
  });

  it('runs the service’s routes, with their role check, body parser and the error mapping', async () => {
    const created = await fetch(`${server.url}/orders`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ customerId: 'c-1' }),
    });
    expect(created.status).to.equal(201);
    expect(await created.json()).to.deep.equal({ customerId: 'c-1' });
    const invalid = await fetch(`${server.url}/orders`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(invalid.status).to.equal(400);
    const body = (await invalid.json()) as { error: { code: string; details: { path: string }[] } };
    expect(body.error.code).to.equal('VALIDATION_FAILED');
    expect(body.error.details.map((d) => d.path)).to.deep.equal(['customerId']);
  });

  it('reads no body before the role check: a stranger’s oversized or malformed body gets 401, not 413 or 400', async () => {
    const big = JSON.stringify({ customerId: 'x'.repeat(4096) });
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${server.url}/orders`, { method: 'POST', headers, body });

    expect((await post(big, { 'content-type': 'application/json' })).status).to.equal(401);
    expect((await post('{not json', { 'content-type': 'application/json' })).status).to.equal(401);
    expect((await post(big, json)).status).to.equal(413);
    expect((await post('{not json', json)).status).to.equal(400);
  });
});
