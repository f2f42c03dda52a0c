import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import { createPlatformMetrics } from '@saga/metrics';
import { errorMiddleware, mountMetricsRoute } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

describe('mountMetricsRoute', () => {
  const auth = { opsTokens: ['ops-token-0123456789'], adminTokens: ['admin-token-0123456789'], jwt: {} };
  const servers: Awaited<ReturnType<typeof serve>>[] = [];
  after(async () => {
    for (const server of servers) await server.close();
  });

  async function serveMetrics(options: { public: boolean; auth?: typeof auth }) {
    const metrics = createPlatformMetrics();
    metrics.sagas.started();
    const router = new Router();
    const mounted = mountMetricsRoute(router, { metrics, ...options });
    const app = new Koa();
    app.use(errorMiddleware({ logger: memoryLogger().logger }));
    app.use(router.routes());
    const server = await serve(app);
    servers.push(server);
    return { url: `${server.url}/metrics`, mounted };
  }

  it('answers an ops or admin caller with the Prometheus text format', async () => {
    const { url } = await serveMetrics({ public: false, auth });
    for (const token of [...auth.opsTokens, ...auth.adminTokens]) {
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.contain('text/plain');
      expect(await response.text()).to.match(/^saga_started_total 1$/m);
    }
  });

  it('refuses a caller without a token (401) or with a wrong one', async () => {
    const { url } = await serveMetrics({ public: false, auth });
    expect((await fetch(url)).status).to.equal(401);
    expect(
      (await fetch(url, { headers: { authorization: 'Bearer nope-0123456789abcdef' } })).status,
    ).to.equal(401);
  });

  it('answers anyone when public (METRICS_PUBLIC=true)', async () => {
    const { url } = await serveMetrics({ public: true, auth });
    const response = await fetch(url);
    expect(response.status).to.equal(200);
    expect(await response.text()).to.contain('process_cpu_user_seconds_total');
  });

  it('is not mounted when not public and no caller could authenticate', async () => {
    const { url, mounted } = await serveMetrics({
      public: false,
      auth: { opsTokens: [], adminTokens: [], jwt: {} },
    });
    expect(mounted).to.equal(false);
    expect((await fetch(url)).status).to.equal(404);
  });
});
