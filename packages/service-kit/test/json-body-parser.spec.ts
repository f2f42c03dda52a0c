import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import { errorMiddleware, jsonBodyParser } from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

describe('jsonBodyParser', () => {
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const app = new Koa();
    const router = new Router();
    router.post('/echo', (ctx) => {
      ctx.body = { received: ctx.request.body };
    });
    app.use(errorMiddleware({ logger: memoryLogger().logger }));
    app.use(jsonBodyParser({ limit: '1kb' }));
    app.use(router.routes());
    server = await serve(app);
  });
  after(() => server.close());

  const post = async (body: string, contentType = 'application/json') => {
    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType },
    });
    return { status: response.status, body: await response.json() };
  };

  it('parses a JSON object into ctx.request.body', async () => {
    expect(await post('{"a":[1,2],"b":null}')).to.deep.equal({
      status: 200,
      body: { received: { a: [1, 2], b: null } },
    });
  });

  it('accepts a JSON array and a +json media type', async () => {
    expect(await post('[1]', 'application/vnd.api+json')).to.deep.equal({
      status: 200,
      body: { received: [1] },
    });
  });

  it('treats a POST without a body as an empty object', async () => {
    const response = await fetch(`${server.url}/echo`, { method: 'POST' });
    expect(await response.json()).to.deep.equal({ received: {} });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON and the parser’s reason', async () => {
    const { status, body } = await post('{"a":');
    expect(status).to.equal(400);
    const error = (body as { error: { code: string; message: string } }).error;
    expect(error.code).to.equal('MALFORMED_JSON');
    expect(error.message).to.match(/^request body is not valid JSON: /);
  });

  it('refuses JSON that is not an object or an array', async () => {
    expect(await post('"just a string"')).to.deep.equal({
      status: 400,
      body: {
        error: {
          code: 'MALFORMED_JSON',
          message: 'request body is not valid JSON: invalid JSON, only supports object and array',
        },
      },
    });
  });

  it('refuses __proto__ keys', async () => {
    const { status, body } = await post('{"__proto__":{"admin":true}}');
    expect(status).to.equal(400);
    expect((body as { error: { code: string } }).error.code).to.equal('MALFORMED_JSON');
  });

  it('answers a body over the limit with 413', async () => {
    expect(await post(JSON.stringify({ pad: 'x'.repeat(2048) }))).to.deep.equal({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than 1kb' } },
    });
  });

  it('refuses a key repeated in one object, naming it and where', async () => {
    expect(await post('{"items":[{"quantity":1,"quantity":-1}]}')).to.deep.equal({
      status: 400,
      body: {
        error: {
          code: 'MALFORMED_JSON',
          message: 'request body is refused: key "quantity" appears twice in items.0; send each key once',
        },
      },
    });
  });

  it('refuses constructor keys, which could pollute prototypes once merged', async () => {
    const { status, body } = await post('{"a":{"constructor":{"prototype":{"admin":true}}}}');
    expect(status).to.equal(400);
    expect((body as { error: { message: string } }).error.message).to.contain('key "constructor" in a');
  });

  it('answers 413 for a chunked body without Content-Length once it passes the limit', async () => {
    // fetch would send a known length; a raw request streams chunks and never says how long it is.
    const answer = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = request(`${server.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
        });
      });
      req.on('error', reject);
      req.write('{"pad":"');
      for (let i = 0; i < 8; i++) req.write('x'.repeat(256));
      req.end('"}');
    });
    expect(answer).to.deep.equal({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is larger than 1kb' } },
    });
  });

  it('counts the inflated size of a compressed body against the limit', async () => {
    const response = await fetch(`${server.url}/echo`, {
      method: 'POST',
      body: gzipSync(JSON.stringify({ pad: 'x'.repeat(100_000) })),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(response.status).to.equal(413);
  });

  it('answers a body of another media type with 415 instead of ignoring it', async () => {
    expect(await post('a=1', 'application/x-www-form-urlencoded')).to.deep.equal({
      status: 415,
      body: {
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'request body must be application/json, not application/x-www-form-urlencoded',
        },
      },
    });
  });
});
