import { expect } from 'chai';
import { createHttpApp, createReadiness, securityHeaders } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

describe('security headers', () => {
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const app = createHttpApp({
      logger: memoryLogger().logger,
      readiness: createReadiness({ probes: {} }),
      routes: (router) => {
        router.get('/things', (ctx) => {
          ctx.body = { things: [] };
        });
        router.get('/boom', () => {
          throw new Error('broken');
        });
      },
    });
    server = await serve(app);
  });
  after(() => server.close());

  const answers: [string, string, RequestInit?][] = [
    ['a 200 from a route', '/things'],
    ['a 200 from /healthz', '/healthz'],
    ['a 404 for an unknown path', '/nowhere'],
    ['a 405 for a wrong method', '/things', { method: 'DELETE' }],
    ['a 500 from a failing route', '/boom'],
    [
      'a 415 from the body parser',
      '/things',
      { method: 'POST', body: 'a=1', headers: { 'content-type': 'text/plain' } },
    ],
  ];

  for (const [what, path, init] of answers) {
    it(`sets every header on ${what}, and no X-Powered-By`, async () => {
      const response = await fetch(`${server.url}${path}`, init);
      await response.arrayBuffer();
      for (const [name, value] of Object.entries(securityHeaders)) {
        expect(response.headers.get(name), name).to.equal(value);
      }
      expect(response.headers.has('x-powered-by')).to.equal(false);
    });
  }

  it('forbids framing, sniffing, caching and loading anything', () => {
    expect(securityHeaders).to.deep.include({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
  });
});
