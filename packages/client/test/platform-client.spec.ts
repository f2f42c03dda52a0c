import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import {
  createPlatformClient,
  found,
  outcomeOf,
  PlatformApiError,
  PlatformUnreachableError,
  type PlatformClient,
} from '../src/index.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in service: answers each request with the next canned answer, and records what it got. */
async function fakeService(answer: (seen: Seen) => { status: number; body?: unknown; type?: string }) {
  const seen: Seen[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const got = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      seen.push(got);
      const { status, body: reply, type = 'application/json' } = answer(got);
      response.writeHead(status, { 'content-type': type });
      response.end(reply === undefined ? '' : typeof reply === 'string' ? reply : JSON.stringify(reply));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  return { url, seen, close };
}

const clientAt = (url: string, token = 'ops-token'): PlatformClient =>
  createPlatformClient({ urls: { order: url, orchestrator: url, inventory: url, payment: url }, token });

describe('createPlatformClient', () => {
  it("places an order with the call's own token, the Idempotency-Key and the JSON body, and answers 202 typed", async () => {
    const service = await fakeService(() => ({ status: 202, body: { orderId: 'o-1', status: 'PENDING' } }));
    try {
      const body = { customerId: 'alice', currency: 'EUR', items: [{ sku: 'SKU-1', quantity: 2 }] };
      const placed = await clientAt(service.url).placeOrder(body, {
        token: 'alice-jwt',
        idempotencyKey: 'k-1',
      });
      expect(placed.status).to.equal(202);
      expect(placed.body.orderId).to.equal('o-1');
      const [request] = service.seen;
      expect(request).to.include({ method: 'POST', url: '/orders' });
      expect(request?.headers).to.include({
        authorization: 'Bearer alice-jwt',
        'idempotency-key': 'k-1',
        'content-type': 'application/json',
      });
      expect(JSON.parse(request?.body ?? '')).to.deep.equal(body);
    } finally {
      await service.close();
    }
  });

  it("sends the client's token, path segments encoded, and a query without its undefined parameters", async () => {
    const service = await fakeService(() => ({ status: 200, body: { items: [], nextCursor: null } }));
    try {
      const client = clientAt(service.url, 'ops-token');
      await client.listOrders({ customerId: 'a b', status: 'PENDING', cursor: undefined });
      await client.getStock('SKU/1');
      expect(service.seen.map((request) => request.url)).to.deep.equal([
        '/orders?customerId=a+b&status=PENDING',
        '/stock/SKU%2F1',
      ]);
      expect(service.seen[0]?.headers.authorization).to.equal('Bearer ops-token');
    } finally {
      await service.close();
    }
  });

  it("throws PlatformApiError with the status and the error body's code, message and details", async () => {
    const details = [{ path: 'currency', message: 'must be an ISO 4217 code' }];
    const service = await fakeService(() => ({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', message: 'invalid request: currency', details } },
    }));
    try {
      const error = await clientAt(service.url)
        .setBalance('alice', { balance: 10 })
        .then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
      expect(error).to.be.instanceOf(PlatformApiError);
      expect(error).to.include({ status: 400, code: 'VALIDATION_FAILED', retriable: false });
      expect((error as PlatformApiError).details).to.deep.equal(details);
      expect((error as PlatformApiError).message).to.match(
        /^PUT http:\/\/127\.0\.0\.1:\d+\/accounts\/alice answered 400/,
      );
    } finally {
      await service.close();
    }
  });

  it('answers /readyz even when it is 503: not ready is an answer, not an error', async () => {
    const service = await fakeService(() => ({ status: 503, body: { status: 'not ready' } }));
    try {
      const readiness = await clientAt(service.url).getReadiness('payment');
      expect(readiness).to.include({ status: 503 });
      expect(readiness.body.status).to.equal('not ready');
    } finally {
      await service.close();
    }
  });

  it('tells a 404 apart (found), and gives every outcome as a value (outcomeOf)', async () => {
    const service = await fakeService(({ url }) =>
      url.startsWith('/orders/known')
        ? { status: 200, body: { orderId: 'known' } }
        : { status: 404, body: { error: { code: 'ORDER_NOT_FOUND', message: 'no' } } },
    );
    try {
      const client = clientAt(service.url);
      expect(await found(client.getOrder('unknown'))).to.equal(undefined);
      expect((await found(client.getOrder('known')))?.orderId).to.equal('known');
      const outcome = await outcomeOf(client.getOrder('unknown'));
      expect(outcome).to.include({ ok: false, status: 404 });
    } finally {
      await service.close();
    }
  });

  it('throws PlatformUnreachableError, retriable, when no answer comes', async () => {
    const service = await fakeService(() => ({ status: 200 }));
    await service.close();
    const error = await clientAt(service.url)
      .getHealth('order')
      .then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
    expect(error).to.be.instanceOf(PlatformUnreachableError);
    expect(error).to.include({ code: 'PLATFORM_UNREACHABLE', retriable: true });
    expect(await outcomeOf(clientAt(service.url).getHealth('order'))).to.include({ ok: false, status: 0 });
  });

  it("types requests and answers by the routes' own schemas", () => {
    const client = clientAt('http://127.0.0.1:1');
    const typed = async () => {
      // @ts-expect-error: available must be a number (setStockBody)
      await client.setStock('SKU-1', { available: '3', price: 100, currency: 'EUR' });
      const priced = [{ sku: 'S', quantity: 1, unitPrice: 5 }];
      // @ts-expect-error: an order line has no price (createOrderBody refuses unitPrice)
      await client.placeOrder({ customerId: 'a', currency: 'EUR', items: priced });
      const order = (await client.getOrder('x')).body;
      // @ts-expect-error: an order's status is PENDING, CONFIRMED or CANCELLED
      order.status satisfies 'SHIPPED';
    };
    expect(typed).to.be.a('function');
  });
});
