import { expect } from 'chai';
import Koa from 'koa';
import { requestLogging } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

describe('requestLogging', () => {
  const { logger, lines } = memoryLogger();
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const app = new Koa();
    app.use(requestLogging({ logger }));
    app.use((ctx) => {
      ctx.status = ctx.path === '/boom' ? 503 : 201;
      ctx.body = { requestId: (ctx.state as { requestId?: string }).requestId };
    });
    server = await serve(app);
  });
  after(() => server.close());

  const lastLine = () => lines[lines.length - 1] ?? {};

  it('logs one structured line per request, without the query string or any header', async () => {
    await fetch(`${server.url}/orders?token=secret`, { headers: { authorization: 'Bearer secret' } });
    const line = lastLine();
    expect(line).to.include({ msg: 'request', method: 'GET', path: '/orders', status: 201, level: 30 });
    expect(line.durationMs).to.be.a('number');
    expect(JSON.stringify(line)).to.not.contain('secret');
  });

  it('keeps the caller’s request id, echoes it and hands it to later middleware', async () => {
    const response = await fetch(`${server.url}/x`, { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers.get('x-request-id')).to.equal('abc-123');
    expect(await response.json()).to.deep.equal({ requestId: 'abc-123' });
    expect(lastLine().requestId).to.equal('abc-123');
  });

  it('replaces a request id that could forge log lines', async () => {
    const response = await fetch(`${server.url}/x`, { headers: { 'x-request-id': 'a b"}' } });
    expect(response.headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
  });

  it('logs server errors at error level and probe requests at debug', async () => {
    await fetch(`${server.url}/boom`);
    expect(lastLine()).to.include({ path: '/boom', status: 503, level: 50 });
    await fetch(`${server.url}/healthz`);
    expect(lastLine()).to.include({ path: '/healthz', level: 20 });
    // A Prometheus scrape every few seconds is no request worth an info line either.
    await fetch(`${server.url}/metrics`);
    expect(lastLine()).to.include({ path: '/metrics', level: 20 });
  });
});
