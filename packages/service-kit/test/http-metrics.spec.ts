import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import { httpMetrics, unmatchedRoute } from '../src/index.ts';
import { serve } from './support/serve.ts';

describe('httpMetrics', () => {
  const requests: { route: string; method: string; status: number; seconds: number }[] = [];
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const app = new Koa();
    const router = new Router();
    router.get('/orders/:id', (ctx) => {
      ctx.body = { id: ctx.params.id };
    });
    router.post('/orders', (ctx) => {
      ctx.status = 422;
    });
    app.use(
      httpMetrics({
        metrics: {
          request: (route, method, status, seconds) => requests.push({ route, method, status, seconds }),
        },
      }),
    );
    app.use(router.routes());
    server = await serve(app);
  });
  after(() => server.close());
  beforeEach(() => (requests.length = 0));

  it('labels a request by the template of the route that matched, never its raw path', async () => {
    await fetch(`${server.url}/orders/6f1c0d8e-2c4e-4a55-9d53-3f6f2f0b5a10`);
    expect(requests).to.have.length(1);
    expect(requests[0]).to.include({ route: '/orders/:id', method: 'GET', status: 200 });
    expect(requests[0]?.seconds).to.be.within(0, 5);
  });

  it('records the final status the route set', async () => {
    await fetch(`${server.url}/orders`, { method: 'POST' });
    expect(requests[0]).to.include({ route: '/orders', method: 'POST', status: 422 });
  });

  it('labels every request no route matched alike, so unknown paths cannot grow the label set', async () => {
    await fetch(`${server.url}/wp-admin/a`);
    await fetch(`${server.url}/wp-admin/b`);
    expect(requests.map((r) => r.route)).to.deep.equal([unmatchedRoute, unmatchedRoute]);
    expect(requests[0]?.status).to.equal(404);
  });
});
