import Router from '@koa/router';
import Koa from 'koa';
import { expect } from 'chai';
import { mintToken } from '@saga/identity';
import { createLogger } from '@saga/logging';
import { errorMiddleware } from '../src/http/error-middleware.ts';
import { AuthNotConfiguredError } from '../src/http/auth-not-configured-error.ts';
import { assertMayActFor, customerScope } from '../src/http/caller-access.ts';
import { principalOf, requireRole } from '../src/http/require-role.ts';

const opsToken = 'ops-token-0123456789';
const adminToken = 'admin-token-0123456789';
const secret = 'require-role-test-secret-0123456789abc';
const auth = { opsTokens: [opsToken], adminTokens: [adminToken], jwt: { secret, audience: 'saga-api' } };
const jwt = (
  subject: string,
  roles: ('customer' | 'ops' | 'admin')[],
  over: { audience?: string; secret?: string } = {},
) =>
  mintToken({
    secret: over.secret ?? secret,
    subject,
    roles,
    ttlSeconds: 60,
    audience: over.audience ?? 'saga-api',
  });

async function call(path: string, authorization?: string) {
  const app = new Koa();
  const router = new Router();
  router.get('/orders', requireRole(auth, 'customer', 'admin', 'ops'), (ctx) => {
    const principal = principalOf(ctx);
    ctx.body = {
      subject: principal.subject,
      roles: [...principal.roles],
      scope: customerScope(principal) ?? null,
    };
  });
  router.post('/orders/:customerId', requireRole(auth, 'customer', 'admin'), (ctx) => {
    assertMayActFor(principalOf(ctx), ctx.params.customerId ?? '', 'customerId');
    ctx.body = { ok: true };
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
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  } finally {
    server.close();
  }
}

describe('requireRole', () => {
  it('lets a customer JWT in as its subject, scoped to their own data', async () => {
    const response = await call('GET /orders', `Bearer ${await jwt('alice', ['customer'])}`);
    expect(response.status).to.equal(200);
    expect(response.body).to.deep.equal({ subject: 'alice', roles: ['customer'], scope: 'alice' });
  });

  it('lets the static ops and admin tokens in as service accounts that see everyone', async () => {
    expect((await call('GET /orders', `Bearer ${opsToken}`)).body).to.deep.equal({
      subject: 'ops-token',
      roles: ['ops'],
      scope: null,
    });
    expect((await call('GET /orders', `bearer ${adminToken}`)).body).to.include({
      subject: 'admin-token',
      scope: null,
    });
    expect((await call('PUT /stock', `Bearer ${adminToken}`)).status).to.equal(200);
  });

  it('lets a JWT with the admin role do what an admin token does', async () => {
    expect((await call('PUT /stock', `Bearer ${await jwt('carol', ['admin'])}`)).status).to.equal(200);
    expect((await call('POST /orders/bob', `Bearer ${await jwt('carol', ['admin'])}`)).status).to.equal(200);
  });

  it('lets a customer act for themselves, and answers 403 for another customer', async () => {
    expect((await call('POST /orders/alice', `Bearer ${await jwt('alice', ['customer'])}`)).status).to.equal(
      200,
    );
    const other = await call('POST /orders/bob', `Bearer ${await jwt('alice', ['customer'])}`);
    expect(other.status).to.equal(403);
    expect(other.body)
      .to.have.nested.property('error.message')
      .that.contains('your own customer id ("alice")');
  });

  it('answers 403 when ops or a customer asks for an admin endpoint, naming the role needed', async () => {
    for (const token of [opsToken, await jwt('alice', ['customer'])]) {
      const response = await call('PUT /stock', `Bearer ${token}`);
      expect(response.status).to.equal(403);
      expect(response.body).to.have.nested.property('error.message').that.contains('admin role');
    }
    expect((await call('POST /orders/alice', `Bearer ${opsToken}`)).status).to.equal(403);
  });

  it('answers 401 with a challenge when there is no token', async () => {
    const response = await call('GET /orders');
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.equal('Bearer realm="saga"');
    expect(response.body).to.have.nested.property('error.code', 'UNAUTHORIZED');
  });

  it('answers 401 for a token no one issued, without echoing it', async () => {
    const response = await call('GET /orders', 'Bearer not-a-known-token-at-all');
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.contain('error="invalid_token"');
    expect(JSON.stringify(response.body)).not.to.contain('not-a-known-token');
  });

  it('answers 401 for a forged JWT and for one meant for another audience, saying why', async () => {
    const forged = await call(
      'GET /orders',
      `Bearer ${await jwt('alice', ['admin'], { secret: 'x'.repeat(40) })}`,
    );
    expect(forged.status).to.equal(401);
    expect(forged.body).to.have.nested.property('error.message').that.contains('signature does not verify');
    const elsewhere = await call(
      'GET /orders',
      `Bearer ${await jwt('alice', ['customer'], { audience: 'billing' })}`,
    );
    expect(elsewhere.status).to.equal(401);
    expect(elsewhere.body).to.have.nested.property('error.message').that.contains('another audience');
  });

  it('answers 401 for a header that is not a bearer token, and for an empty one', async () => {
    const basic = await call('GET /orders', `Basic ${Buffer.from('a:b').toString('base64')}`);
    expect(basic.status).to.equal(401);
    expect(basic.body).to.have.nested.property('error.message').that.contains('Bearer <token>');
    expect((await call('GET /orders', 'Bearer ')).status).to.equal(401);
  });
});

describe('requireRole with an identity provider that does not answer', () => {
  it('answers 503 KEY_SOURCE_UNAVAILABLE, not 401: the token may well be fine', async () => {
    const app = new Koa();
    const router = new Router();
    const unreachable = { opsTokens: [], adminTokens: [], jwt: { jwksUrl: 'http://127.0.0.1:9/jwks.json' } };
    router.get('/orders', requireRole(unreachable, 'customer'), (ctx) => {
      ctx.body = {};
    });
    app.use(errorMiddleware({ logger: createLogger('test', 'silent') }));
    app.use(router.routes());
    const server = app.listen(0);
    try {
      const { port } = server.address() as { port: number };
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k1' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: 'alice' })).toString('base64url');
      const response = await fetch(`http://127.0.0.1:${port}/orders`, {
        headers: { authorization: `Bearer ${header}.${payload}.c2ln` },
      });
      expect(response.status).to.equal(503);
      expect(await response.json()).to.have.nested.property('error.code', 'KEY_SOURCE_UNAVAILABLE');
    } finally {
      server.close();
    }
  });
});

describe('requireRole without any way to authenticate', () => {
  it('refuses to be mounted, naming the variables to set and how', () => {
    expect(() => requireRole({ opsTokens: [], adminTokens: [], jwt: {} }, 'ops'))
      .to.throw(AuthNotConfiguredError)
      .with.property('message')
      .that.matches(
        /ADMIN_TOKENS, OPS_TOKENS, AUTH_JWT_SECRET and AUTH_JWKS_URL are all empty.*fix: set AUTH_JWT_SECRET/,
      );
  });

  it('mounts with a JWT secret alone, or with a service-account token alone', () => {
    expect(() => requireRole({ opsTokens: [], adminTokens: [], jwt: { secret } }, 'customer')).not.to.throw();
    expect(() => requireRole({ opsTokens: [], adminTokens: [adminToken], jwt: {} }, 'ops')).not.to.throw();
  });
});
