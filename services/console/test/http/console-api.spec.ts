import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { bearer, customerToken, freePort, memoryLogger, testJwt, testTokens } from '@saga/testing';
import { runConsole, type RunningConsole } from '../../src/run-console.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

/** A stand-in for a platform service: records each request and answers 200 with what it saw (or 403 on /sagas/x/retry). */
async function fakeService(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const read = async (request: IncomingMessage) => {
    let body = '';
    for await (const chunk of request) body += String(chunk);
    return body;
  };
  const server: Server = createServer((request, response) => {
    void read(request).then((body) => {
      seen.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      if (request.url?.endsWith('/retry')) {
        response.writeHead(403, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({ error: { code: 'FORBIDDEN', message: 'this endpoint needs the admin role' } }),
        );
        return;
      }
      if (request.url === '/metrics') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        response.end('saga_started_total 3\n');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ answeredBy: 'fake', url: request.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}

/**
 * The console's own HTTP surface, against stand-in services: who may use it, what it forwards and
 * how, the security headers of its page and of its API, and what a missing service looks like.
 */
describe('console HTTP API', function () {
  this.timeout(30_000);
  let upstream: Awaited<ReturnType<typeof fakeService>>;
  let console: RunningConsole;
  const env = {
    OPS_TOKENS: testTokens.ops,
    ADMIN_TOKENS: testTokens.admin,
    AUTH_JWT_SECRET: testJwt.secret,
    AUTH_JWT_ISSUER: testJwt.issuer,
    AUTH_JWT_AUDIENCE: testJwt.audience,
  };

  before(async () => {
    upstream = await fakeService();
    const nobody = `http://127.0.0.1:${await freePort()}`;
    console = await runConsole({
      env,
      port: 0,
      host: '127.0.0.1',
      urls: { order: upstream.url, orchestrator: upstream.url, inventory: upstream.url, payment: nobody },
      logger: memoryLogger('console').logger,
      scrapeEveryMs: 60_000,
      handleSignals: false,
    });
  });
  after(async () => {
    await console.stop();
    await upstream.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${console.url}${path}`, { headers });

  describe('logging in (GET /api/session)', () => {
    it('names the caller of an ops or admin token', async () => {
      const ops = await get('/api/session', bearer(testTokens.ops));
      expect(ops.status).to.equal(200);
      expect(await ops.json()).to.deep.equal({ subject: 'ops-token', roles: ['ops'] });
      expect(await (await get('/api/session', bearer(testTokens.admin))).json()).to.deep.equal({
        subject: 'admin-token',
        roles: ['admin'],
      });
    });

    it('refuses a customer’s valid token with NOT_AN_OPERATOR, saying to use an admin or ops token', async () => {
      const response = await get('/api/session', bearer(await customerToken('customer-1')));
      expect(response.status).to.equal(403);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).to.equal('NOT_AN_OPERATOR');
      expect(error.message).to.contain('use an admin or ops token');
    });

    it('refuses no token and a wrong one with 401 and a challenge', async () => {
      for (const headers of [{}, bearer('not-a-token-of-this-platform')]) {
        const response = await get('/api/session', headers);
        expect(response.status).to.equal(401);
        expect(response.headers.get('www-authenticate')).to.match(/^Bearer realm="saga"/);
      }
    });
  });

  describe('forwarding to the services (/api/<service>/<path>)', () => {
    it('forwards a GET with its query and the operator’s own token, and passes the answer back', async () => {
      const response = await get(
        '/api/orchestrator/sagas?status=NEEDS_ATTENTION&limit=5',
        bearer(testTokens.ops),
      );
      expect(response.status).to.equal(200);
      expect(await response.json()).to.deep.equal({
        answeredBy: 'fake',
        url: '/sagas?status=NEEDS_ATTENTION&limit=5',
      });
      expect(upstream.seen.at(-1)).to.deep.include({
        method: 'GET',
        url: '/sagas?status=NEEDS_ATTENTION&limit=5',
        authorization: `Bearer ${testTokens.ops}`,
      });
    });

    it('forwards a POST with its body, and the service’s own refusal as it is', async () => {
      const ok = await fetch(`${console.url}/api/order/dead-letters/replay`, {
        method: 'POST',
        headers: { ...bearer(testTokens.admin), 'content-type': 'application/json' },
        body: JSON.stringify({ topic: 'order.confirm', partition: 0, offset: '3' }),
      });
      expect(ok.status).to.equal(200);
      expect(upstream.seen.at(-1)).to.deep.include({
        method: 'POST',
        url: '/dead-letters/replay',
        body: '{"topic":"order.confirm","partition":0,"offset":"3"}',
      });
      // An ops operator is let into the console, but the orchestrator decides who may retry.
      const refused = await fetch(
        `${console.url}/api/orchestrator/sagas/9b2f6e4c-0d7a-4a39-8f1e-2c3b4a5d6e7f/retry`,
        {
          method: 'POST',
          headers: bearer(testTokens.ops),
        },
      );
      expect(refused.status).to.equal(403);
      expect(await refused.json()).to.deep.equal({
        error: { code: 'FORBIDDEN', message: 'this endpoint needs the admin role' },
      });
    });

    it('forwards nothing for a stranger or a customer, and not even the request', async () => {
      const before = upstream.seen.length;
      expect((await get('/api/order/orders?customerId=c')).status).to.equal(401);
      expect((await get('/api/order/orders?customerId=c', bearer(await customerToken('c')))).status).to.equal(
        403,
      );
      expect(upstream.seen.length).to.equal(before);
    });

    it('forwards only the services’ saga, order, stock, payment and dead-letter routes', async () => {
      const before = upstream.seen.length;
      for (const path of [
        '/api/order/readyz',
        '/api/order/metrics',
        '/api/order/orders/1/../../admin',
        '/api/kafka/topics',
        '/api/orchestrator/sagas/1/2/3',
      ]) {
        const response = await get(path, bearer(testTokens.admin));
        expect(response.status, path).to.equal(404);
      }
      expect(upstream.seen.length).to.equal(before);
    });

    it('answers 502 naming the service when it does not answer', async () => {
      const response = await get('/api/payment/accounts/customer-1', bearer(testTokens.admin));
      expect(response.status).to.equal(502);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).to.equal('UPSTREAM_UNAVAILABLE');
      expect(error.message).to.match(/^the payment service did not answer: .*ECONNREFUSED/);
    });
  });

  describe('the page and its headers', () => {
    it('serves the page and its one script and one stylesheet under the console’s own policy', async () => {
      const page = await get('/');
      expect(page.status).to.equal(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).to.contain("default-src 'self'").and.contain("script-src 'self'");
      expect(csp).not.to.contain('unsafe-inline');
      expect(csp).not.to.contain('unsafe-eval');
      expect(page.headers.get('x-frame-options')).to.equal('DENY');
      const html = await page.text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
      expect(assets).to.have.length(2);
      expect(html).not.to.match(/<script>|<style>|style="/);
      for (const asset of assets) {
        const response = await get(asset);
        expect(response.status, asset).to.equal(200);
        expect(response.headers.get('content-security-policy'), asset).to.equal(csp);
        expect((await response.arrayBuffer()).byteLength, asset).to.be.above(1000);
      }
    });

    it('keeps the services’ strict policy on its API and health routes', async () => {
      for (const path of ['/api/session', '/healthz', '/readyz']) {
        expect((await get(path)).headers.get('content-security-policy'), path).to.equal(
          "default-src 'none'; frame-ancestors 'none'",
        );
      }
    });

    it('serves its own Prometheus metrics at /metrics to an ops token, and to nobody without one', async () => {
      expect((await get('/metrics')).status).to.equal(401);
      const response = await get('/metrics', { authorization: `Bearer ${testTokens.ops}` });
      expect(response.status).to.equal(200);
      const text = await response.text();
      expect(text).to.match(/^process_cpu_seconds_total\{service="console"\} /m);
      expect(text).to.match(/^http_request_duration_seconds_count\{.*route="\/api\/session".*\} [1-9]/m);
    });

    it('is ready once its UI is bundled, needing none of the services', async () => {
      const response = await get('/readyz');
      expect(response.status).to.equal(200);
    });
  });
});
