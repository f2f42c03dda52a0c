import Router from '@koa/router';
import Koa from 'koa';
import { expect } from 'chai';
import { createLogger } from '@saga/logging';
import { errorMiddleware } from '../src/http/error-middleware.ts';
import { AuthNotConfiguredError } from '../src/http/auth-not-configured-error.ts';
import { requireRole } from '../src/http/require-role.ts';

const apiToken = 'api-token-0123456789';
const adminToken = 'admin-token-0123456789';
const auth = { apiTokens: [apiToken], adminTokens: [adminToken] };

async function call(path: string, authorization?: string) {
  const app = new Koa();
  const router = new Router();
  router.get('/orders', requireRole(auth, 'api'), (ctx) => {
    ctx.body = { role: (ctx.state as { role: string }).role };
  });
  router.put('/stock', requireRole(auth, 'admin'), (ctx) => {
    ctx.body = { ok: true };
  });
  app.use(errorMiddleware({ logger: createLogger('test', 'silent') }));
  app.use(router.routes());
  const server = app.listen(0);
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}${path.slice(path.indexOf(' ') + 1)}`, {
      method: path.slice(0, path.indexOf(' ')),
      headers: authorization === undefined ? {} : { authorization },
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  } finally {
    server.close();
  }
}

describe('requireRole', () => {
  it('lets an api token use api endpoints', async () => {
    const response = await call('GET /orders', `Bearer ${apiToken}`);
    expect(response).to.include({ status: 200 });
    expect(response.body).to.deep.equal({ role: 'api' });
  });

  it('lets an admin token use api and admin endpoints', async () => {
    expect((await call('GET /orders', `Bearer ${adminToken}`)).body).to.deep.equal({ role: 'admin' });
    expect((await call('PUT /stock', `bearer ${adminToken}`)).status).to.equal(200);
  });

  it('answers 401 with a challenge when there is no token', async () => {
    const response = await call('GET /orders');
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.contain('Bearer');
    expect(response.body).to.have.nested.property('error.code', 'UNAUTHORIZED');
  });

  it('answers 401 for a token no role grants, without echoing it', async () => {
    const response = await call('GET /orders', 'Bearer not-a-known-token-at-all');
    expect(response.status).to.equal(401);
    expect(JSON.stringify(response.body)).not.to.contain('not-a-known-token');
  });

  it('answers 401 for a header that is not a bearer token', async () => {
    const response = await call('GET /orders', `Basic ${Buffer.from('a:b').toString('base64')}`);
    expect(response.status).to.equal(401);
    expect(response.body).to.have.nested.property('error.message').that.contains('Bearer <token>');
  });

  it('answers 403 when an api token asks for an admin endpoint', async () => {
    const response = await call('PUT /stock', `Bearer ${apiToken}`);
    expect(response.status).to.equal(403);
    expect(response.body).to.have.nested.property('error.message').that.contains('ADMIN_TOKENS');
  });

  it('answers 401 for an empty bearer token', async () => {
    expect((await call('GET /orders', 'Bearer ')).status).to.equal(401);
  });
});

describe('requireRole without tokens', () => {
  it('refuses to be mounted, naming the variables to set and how', () => {
    expect(() => requireRole({ apiTokens: [], adminTokens: [] }, 'api'))
      .to.throw(AuthNotConfiguredError)
      .with.property('message')
      .that.matches(/API_TOKENS and ADMIN_TOKENS are both empty.*fix: set API_TOKENS/);
  });

  it('mounts with admin tokens only, since an admin token grants the api role too', () => {
    expect(() => requireRole({ apiTokens: [], adminTokens: [adminToken] }, 'api')).not.to.throw();
  });
});
