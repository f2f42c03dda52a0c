import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import {
  ConflictError,
  errorMiddleware,
  GuardLostError,
  HttpError,
  NotFoundError,
  requestLogging,
  ValidationError,
} from '../src/index.ts';
import { memoryLogger } from './support/memory-logger.ts';
import { serve } from './support/serve.ts';

describe('errorMiddleware', () => {
  const { logger, lines } = memoryLogger();
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    const app = new Koa();
    const router = new Router();
    router.get('/invalid', () => {
      throw new ValidationError([
        { path: 'items.0.quantity', message: 'must be positive' },
        { path: 'customerId', message: 'required' },
      ]);
    });
    router.get('/missing', () => {
      throw new NotFoundError('order o-1 does not exist', { orderId: 'o-1' });
    });
    router.get('/conflict', () => {
      throw new ConflictError('order o-1 is already cancelled');
    });
    router.get('/contended', () => {
      throw new GuardLostError('stocks', 'BOOK-1', 12);
    });
    router.get('/teapot', () => {
      throw new HttpError(418, 'TEAPOT', 'short and stout');
    });
    router.get('/forbidden', (ctx) => {
      ctx.throw(403, 'not yours');
    });
    router.get('/crash', () => {
      throw new Error('connection to mongodb://admin:hunter2@db failed');
    });
    router.get('/store-down', () => {
      const error = new Error('connect ECONNREFUSED 127.0.0.1:27017');
      error.name = 'MongoNetworkError';
      throw error;
    });
    router.get('/ok', (ctx) => {
      ctx.body = { fine: true };
    });
    app.use(requestLogging({ logger }));
    app.use(errorMiddleware({ logger }));
    app.use(router.routes());
    app.use(router.allowedMethods());
    server = await serve(app);
  });
  after(() => server.close());

  const get = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${server.url}${path}`, init);
    return { status: response.status, headers: response.headers, body: await response.json() };
  };

  it('answers a ValidationError with 400 and every field error', async () => {
    expect(await get('/invalid')).to.deep.include({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'invalid request: items.0.quantity: must be positive; customerId: required',
          details: [
            { path: 'items.0.quantity', message: 'must be positive' },
            { path: 'customerId', message: 'required' },
          ],
        },
      },
    });
  });

  it('answers NotFoundError with 404 and ConflictError with 409, details when given', async () => {
    expect(await get('/missing')).to.deep.include({
      status: 404,
      body: {
        error: { code: 'NOT_FOUND', message: 'order o-1 does not exist', details: { orderId: 'o-1' } },
      },
    });
    expect(await get('/conflict')).to.deep.include({
      status: 409,
      body: { error: { code: 'CONFLICT', message: 'order o-1 is already cancelled' } },
    });
  });

  it('answers a write whose guard kept losing to another process with 409, naming the document', async () => {
    expect(await get('/contended')).to.deep.include({
      status: 409,
      body: {
        error: {
          code: 'CONFLICT',
          message: 'the stocks document BOOK-1 kept changing; try again',
          details: { collection: 'stocks', id: 'BOOK-1' },
        },
      },
    });
  });

  it('answers any HttpError with its own status and code', async () => {
    expect(await get('/teapot')).to.deep.include({
      status: 418,
      body: { error: { code: 'TEAPOT', message: 'short and stout' } },
    });
  });

  it('gives Koa’s own client errors the same shape', async () => {
    expect(await get('/forbidden')).to.deep.include({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: 'not yours' } },
    });
  });

  it('answers an unknown error with a bare 500 and logs it in full', async () => {
    const { status, headers, body } = await get('/crash');
    const requestId = headers.get('x-request-id');
    expect(status).to.equal(500);
    expect(body).to.deep.equal({
      error: {
        code: 'INTERNAL_ERROR',
        message: `internal error; the service log has it under request ${String(requestId)}`,
      },
    });
    expect(JSON.stringify(body)).to.not.contain('hunter2');
    const logged = lines.find((l) => l.msg === 'request failed' && l.requestId === requestId);
    expect((logged?.err as { message?: string } | undefined)?.message).to.contain('connection to mongodb');
  });

  it('answers 503 with Retry-After when a dependency is away, so clients retry instead of reporting a bug', async () => {
    const { status, headers, body } = await get('/store-down');
    expect(status).to.equal(503);
    expect(headers.get('retry-after')).to.equal('5');
    expect(body).to.have.nested.property('error.code', 'SERVICE_UNAVAILABLE');
    expect(lines.some((l) => l.msg === 'request failed: a dependency is unavailable')).to.equal(true);
  });

  it('answers a path no route matches with a JSON 404', async () => {
    expect(await get('/nowhere')).to.deep.include({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'no route for GET /nowhere' } },
    });
  });

  it('answers a method the path does not allow with a JSON 405 that keeps the Allow header', async () => {
    const { status, headers, body } = await get('/ok', { method: 'DELETE' });
    expect(status).to.equal(405);
    expect(headers.get('allow')).to.contain('GET');
    expect(body).to.deep.equal({ error: { code: 'METHOD_NOT_ALLOWED', message: 'Method Not Allowed' } });
  });

  it('leaves successful answers alone', async () => {
    expect(await get('/ok')).to.deep.include({ status: 200, body: { fine: true } });
  });
});
