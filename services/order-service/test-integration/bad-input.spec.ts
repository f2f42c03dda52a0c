import { expect } from 'chai';
import { securityHeaders } from '@saga/service-kit';
import { createTestNamespace, customerToken, type TestNamespace, testTokens } from '@saga/testing';
import { request, type ErrorBody } from './support/http.ts';
import { reportServiceErrorsOnFailure, startOrderService, type TestOrderService } from './support/stack.ts';

/** A request the order API must refuse, and how: status, error code, and words the message must hold. */
interface BadRequest {
  readonly what: string;
  readonly method?: 'GET' | 'POST';
  readonly path?: string;
  /** Sent with JSON.stringify. */
  readonly body?: unknown;
  /** Sent as it is. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  /** The token to send, or how to mint it; null sends none (default: the admin token). */
  readonly token?: string | null | (() => Promise<string>);
  readonly status: number;
  readonly code: string;
  readonly message: RegExp;
}

const valid = { customerId: 'bad-input-customer', currency: 'EUR', items: [line()] };

function line(overrides: Record<string, unknown> = {}) {
  return { sku: 'SKU-1', quantity: 1, ...overrides };
}

/** The valid order with one field replaced (or removed, with undefined). */
function orderWith(overrides: Record<string, unknown>) {
  return { ...valid, ...overrides };
}

const lines = (count: number) => Array.from({ length: count }, (_, i) => line({ sku: `SKU-${i}` }));

const cases: BadRequest[] = [
  // Who may ask.
  {
    what: 'no bearer token',
    body: valid,
    token: null,
    status: 401,
    code: 'UNAUTHORIZED',
    message: /Authorization: Bearer/,
  },
  {
    what: 'an unknown bearer token',
    body: valid,
    token: 'x'.repeat(40),
    status: 401,
    code: 'UNAUTHORIZED',
    message: /not valid/,
  },
  {
    what: 'a JWT signed with another secret (forged)',
    body: valid,
    token: () => customerToken(valid.customerId, { secret: 'a-secret-the-services-do-not-know-0123456' }),
    status: 401,
    code: 'UNAUTHORIZED',
    message: /signature does not verify/,
  },
  {
    what: 'an expired JWT',
    body: valid,
    token: () => customerToken(valid.customerId, { now: new Date(Date.now() - 7_200_000), ttlSeconds: 60 }),
    status: 401,
    code: 'UNAUTHORIZED',
    message: /expired/,
  },
  {
    what: 'a JWT meant for another audience',
    body: valid,
    token: () => customerToken(valid.customerId, { audience: 'another-api' }),
    status: 401,
    code: 'UNAUTHORIZED',
    message: /another audience/,
  },
  {
    what: 'an unsigned JWT (alg none) claiming admin',
    body: valid,
    token: () =>
      Promise.resolve(
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
          JSON.stringify({
            sub: 'x',
            roles: ['admin'],
            exp: 4_102_444_800,
            aud: 'saga-api',
            iss: 'saga-test',
          }),
        ).toString('base64url')}.`,
      ),
    status: 401,
    code: 'UNAUTHORIZED',
    message: /algorithm is not accepted/,
  },
  {
    what: 'a customer ordering for another customer',
    body: valid,
    token: () => customerToken('someone-else'),
    status: 403,
    code: 'FORBIDDEN',
    message: /customerId must be your own customer id \("someone-else"\)/,
  },
  {
    what: 'the read-only ops token placing an order',
    body: valid,
    token: testTokens.ops,
    status: 403,
    code: 'FORBIDDEN',
    message: /customer or admin role/,
  },
  {
    what: 'basic auth instead of a bearer token',
    body: valid,
    token: null,
    headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    status: 401,
    code: 'UNAUTHORIZED',
    message: /Bearer <token>/,
  },
  {
    what: 'a listing without a token',
    method: 'GET',
    path: '/orders',
    token: null,
    status: 401,
    code: 'UNAUTHORIZED',
    message: /Bearer/,
  },
  // Not JSON, or not the JSON the API takes.
  {
    what: 'malformed JSON',
    rawBody: '{"customerId": ',
    status: 400,
    code: 'MALFORMED_JSON',
    message: /not valid JSON/,
  },
  {
    what: 'a JSON string',
    rawBody: '"an order"',
    status: 400,
    code: 'MALFORMED_JSON',
    message: /only supports object and array/,
  },
  { what: 'JSON null', rawBody: 'null', status: 400, code: 'MALFORMED_JSON', message: /object and array/ },
  {
    what: 'a JSON array',
    body: [valid],
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /\(body\): must be a JSON object/,
  },
  {
    what: 'a body over the 64kb limit',
    body: orderWith({ customerId: 'x'.repeat(70_000) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: /larger than 64kb/,
  },
  {
    what: 'thousands of lines (too large to read)',
    body: orderWith({ items: lines(5000) }),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    message: /larger than 64kb/,
  },
  {
    what: 'a text/plain body',
    rawBody: JSON.stringify(valid),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /must be application\/json, not text\/plain/,
  },
  {
    what: 'a form body',
    rawBody: 'customerId=c-1&currency=EUR',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: /x-www-form-urlencoded/,
  },
  // Wrong types and missing fields.
  {
    what: 'an empty object',
    body: {},
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /customerId: is required; currency: is required; items: is required/,
  },
  {
    what: 'a numeric customer id',
    body: orderWith({ customerId: 42 }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /customerId: must be a string/,
  },
  {
    what: 'items as an object',
    body: orderWith({ items: { sku: 'A' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items: must be an array of order lines/,
  },
  {
    what: 'a quantity as a string',
    body: orderWith({ items: [line({ quantity: '2' })] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items\.0\.quantity: must be a number/,
  },
  {
    what: 'a quantity of true',
    body: orderWith({ items: [line({ quantity: true })] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items\.0\.quantity: must be a number/,
  },
  {
    what: 'a line without a SKU',
    body: orderWith({ items: [{ quantity: 1 }] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items\.0\.sku: is required/,
  },
  {
    what: 'no lines',
    body: orderWith({ items: [] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items: must hold at least one line/,
  },
  {
    what: '101 lines',
    body: orderWith({ items: lines(101) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items: must hold at most 100 lines/,
  },
  // Numbers out of range.
  ...(
    [
      ['a zero quantity', { quantity: 0 }, /quantity: must be at least 1/],
      ['a negative quantity', { quantity: -1 }, /quantity: must be at least 1/],
      ['a fractional quantity', { quantity: 1.5 }, /quantity: must be a whole number/],
      ['a huge quantity', { quantity: 10_001 }, /quantity: must be at most 10000/],
      ['a quantity past the safe integers', { quantity: 1e20 }, /quantity: must be at most 10000/],
    ] as const
  ).map(([what, fields, message]): BadRequest => ({
    what,
    body: orderWith({ items: [line(fields)] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message,
  })),
  // Prices belong to the shop: the caller's price is refused, whatever it is.
  ...(
    [
      ['a unit price', { unitPrice: 1250 }],
      ['a unit price of zero', { unitPrice: 0 }],
      ['a negative unit price', { unitPrice: -1 }],
    ] as const
  ).map(([what, fields]): BadRequest => ({
    what,
    body: orderWith({ items: [line(fields)] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items\.0\.unitPrice: prices are set by the shop; leave unitPrice out/,
  })),
  // Currencies.
  {
    what: 'an unknown currency',
    body: orderWith({ currency: 'QQQ' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /currency: is not an ISO 4217 currency code/,
  },
  {
    what: 'a lower-case currency',
    body: orderWith({ currency: 'eur' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /currency: must be an ISO 4217 code/,
  },
  // Strings.
  {
    what: 'a customer id one character too long',
    body: orderWith({ customerId: 'c'.repeat(129) }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /customerId: must be at most 128 characters/,
  },
  {
    what: 'a huge SKU',
    body: orderWith({ items: [line({ sku: 's'.repeat(50_000) })] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items\.0\.sku: must be 1 to 64 letters, digits/,
  },
  {
    what: 'a SKU inventory could never stock',
    body: orderWith({ items: [line({ sku: 'ÄPFEL' })] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items\.0\.sku: must be 1 to 64 letters, digits/,
  },
  {
    what: 'a control character in the customer id',
    body: orderWith({ customerId: 'a\u0000b' }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /customerId: must not start or end with whitespace or contain control characters/,
  },
  {
    what: 'an unknown field',
    body: orderWith({ admin: true }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /admin: is not a known field/,
  },
  // Injection and pollution attempts in the body.
  {
    what: 'an operator as customer id',
    body: orderWith({ customerId: { $gt: '' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /customerId: must be a string/,
  },
  {
    what: 'an operator as SKU',
    body: orderWith({ items: [line({ sku: { $ne: null } })] }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items\.0\.sku: must be a string/,
  },
  {
    what: 'a $where as items',
    body: orderWith({ items: { $where: 'sleep(1000)' } }),
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /items: must be an array/,
  },
  {
    what: 'a __proto__ key',
    rawBody: '{"__proto__":{"isAdmin":true},"customerId":"c","currency":"EUR","items":[]}',
    status: 400,
    code: 'MALFORMED_JSON',
    message: /prototype/,
  },
  {
    what: 'a constructor.prototype key in a line',
    rawBody: JSON.stringify(valid).replace('"sku"', '"constructor":{"prototype":{"isAdmin":true}},"sku"'),
    status: 400,
    code: 'MALFORMED_JSON',
    message: /key "constructor" in items\.0 is not allowed/,
  },
  {
    what: 'a key sent twice',
    rawBody: JSON.stringify(valid).replace('"quantity":1', '"quantity":1,"quantity":-5'),
    status: 400,
    code: 'MALFORMED_JSON',
    message: /key "quantity" appears twice in items\.0/,
  },
  {
    what: 'an Idempotency-Key with spaces',
    body: valid,
    headers: { 'idempotency-key': 'a key' },
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /Idempotency-Key: must be visible ASCII/,
  },
  // Injection attempts in the query and the path.
  ...(
    [
      ['?status[$ne]=x', /status\[\$ne\]: is not a known query parameter/],
      ['?customerId[$gt]=', /customerId\[\$gt\]: is not a known query parameter/],
      ['?$where=1', /\$where: is not a known query parameter/],
      ['?customerId=a&customerId=b', /customerId: must be given once/],
      ['?status=PENDING&status=CONFIRMED', /status: must be given once/],
      [`?customerId=${'c'.repeat(129)}`, /customerId: must be at most 128 characters/],
      ['?limit=1e3', /limit: must be a whole number from 1 to 100/],
      ['?cursor={"$gt":""}', /cursor: is not a nextCursor this API returned/],
    ] as const
  ).map(([query, message]): BadRequest => ({
    what: `GET /orders${query}`,
    method: 'GET',
    path: `/orders${query}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    message,
  })),
  {
    what: 'an operator as order id',
    method: 'GET',
    path: `/orders/${encodeURIComponent('{"$ne":null}')}`,
    status: 400,
    code: 'VALIDATION_FAILED',
    message: /orderId: must be a UUID/,
  },
];

/**
 * The order API refuses every kind of bad input with a 4xx and a message that says what is wrong, never
 * a 5xx, and stores nothing for it. Runs against the real service and store; the service has a database
 * of its own, so counting all its orders is exact.
 */
describe('order API: bad input', function () {
  this.timeout(120_000);
  let service: TestOrderService;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-bad-input');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  for (const bad of cases) {
    it(`answers ${bad.status} ${bad.code} to ${bad.what}, and stores nothing`, async () => {
      const before = await service.stored.count({});
      const answer = await request<ErrorBody>(`${service.url}${bad.path ?? '/orders'}`, {
        method: bad.method ?? 'POST',
        ...(bad.body === undefined ? {} : { body: bad.body }),
        ...(bad.rawBody === undefined ? {} : { rawBody: bad.rawBody }),
        ...(bad.headers === undefined ? {} : { headers: bad.headers }),
        ...(bad.token === undefined
          ? {}
          : { token: typeof bad.token === 'function' ? await bad.token() : bad.token }),
      });
      expect(answer.status, JSON.stringify(answer.body)).to.equal(bad.status);
      expect(answer.body.error.code).to.equal(bad.code);
      expect(answer.body.error.message).to.match(bad.message);
      expect(answer.headers.get('content-type')).to.match(/^application\/json/);
      expect(answer.headers.get('x-content-type-options')).to.equal(
        securityHeaders['X-Content-Type-Options'],
      );
      expect(await service.stored.count({})).to.equal(before);
    });
  }

  it('takes the valid order these cases start from, with the customer’s own token or the admin token', async () => {
    const before = await service.stored.count({});
    const asCustomer = await request(`${service.url}/orders`, {
      method: 'POST',
      body: valid,
      token: await customerToken(valid.customerId),
    });
    const asAdmin = await request(`${service.url}/orders`, {
      method: 'POST',
      body: valid,
      token: testTokens.admin,
    });
    expect([asCustomer.status, asAdmin.status]).to.deep.equal([202, 202]);
    expect(await service.stored.count({})).to.equal(before + 2);
  });
});
