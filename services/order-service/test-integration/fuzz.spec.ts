import { expect } from 'chai';
import fc from 'fast-check';
import { jsonKeyProblem } from '@saga/service-kit';
import { createTestNamespace, type TestNamespace } from '@saga/testing';
import { parseCreateOrderBody } from '../src/http/create-order-body.ts';
import { request, type ErrorBody, type JsonResponse } from './support/http.ts';
import { reportServiceErrorsOnFailure, startOrderService, type TestOrderService } from './support/stack.ts';

/** Requests per property: each is a real HTTP call and a store count, so a few hundred in all. */
const numRuns = 60;

/**
 * What the API must answer to a body, decided without the service: 413 past the limit, 400 for text that
 * is not a JSON object or array, or has a refused key, then whatever the body schema says. The text is
 * taken as the service receives it (UTF-8 replaces lone surrogates).
 */
function expectedStatus(sent: string): 202 | 400 | 413 {
  const text = Buffer.from(sent, 'utf8').toString('utf8');
  if (Buffer.byteLength(text) > 64 * 1024) return 413;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 400;
  }
  if (typeof value !== 'object' || value === null) return 400;
  if (jsonKeyProblem(text) !== undefined) return 400;
  return parseCreateOrderBody(value).ok ? 202 : 400;
}

const validLine = fc.record({
  sku: fc.stringMatching(/^[A-Z][A-Z0-9-]{0,11}$/),
  quantity: fc.integer({ min: 1, max: 10_000 }),
});
const validOrder = fc.record({
  customerId: fc.stringMatching(/^fuzz-[a-z0-9]{1,12}$/),
  currency: fc.constantFrom('EUR', 'USD', 'JPY'),
  items: fc.uniqueArray(validLine, { minLength: 1, maxLength: 5, selector: (l) => l.sku }),
});
/** Values an attacker or a broken client might put anywhere. */
const hostile = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    { $gt: '' },
    { $ne: null },
    { $where: '1' },
    JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
    '__proto__',
    'x'.repeat(10_000),
    -1,
    0,
    0.5,
    1e21,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    '\u0000',
    [],
    {},
  ),
);

/**
 * A valid order with one field, or one line's field, replaced by a hostile value. A line's `unitPrice`
 * is added rather than replaced: prices are the shop's, so the API refuses it whatever its value.
 */
const mutatedOrder = fc
  .tuple(
    validOrder,
    fc.constantFrom('customerId', 'currency', 'items', 'sku', 'quantity', 'unitPrice', 'extra'),
    hostile,
  )
  .map(([order, field, value]) => {
    if (field === 'sku' || field === 'quantity' || field === 'unitPrice') {
      const [first, ...rest] = order.items;
      return { ...order, items: [{ ...first, [field]: value }, ...rest] };
    }
    return { ...order, [field]: value };
  });

/**
 * Property-based fuzzing of `POST /orders` and `GET /orders` against the real service and store: for any
 * input, the answer is the one the validation rules call for (202 exactly when the order is valid),
 * never a 5xx, every refusal is a JSON error with a code and a message, and an order is stored exactly
 * when one is accepted. fast-check prints the seed and the smallest failing input when a property fails.
 */
describe('order API: fuzzing', function () {
  this.timeout(300_000);
  let service: TestOrderService;

  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-fuzz');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  const post = (rawBody: string) => request<ErrorBody>(`${service.url}/orders`, { method: 'POST', rawBody });

  /** Posts the text and checks the answer and the store against expectedStatus. */
  async function postAndCheck(rawBody: string): Promise<void> {
    const before = await service.stored.count({});
    const answer = await post(rawBody);
    const expected = expectedStatus(rawBody);
    expect(answer.status, `${rawBody.slice(0, 300)} -> ${JSON.stringify(answer.body)}`).to.equal(expected);
    if (expected !== 202) expectClearError(answer);
    expect(await service.stored.count({})).to.equal(before + (expected === 202 ? 1 : 0));
  }

  it('answers any JSON value as the rules say, and stores only accepted orders', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), (value) => postAndCheck(JSON.stringify(value))),
      { numRuns },
    );
  });

  it('answers valid orders with one hostile field as the rules say', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedOrder, (order) => postAndCheck(JSON.stringify(order))),
      { numRuns },
    );
  });

  it('answers arbitrary text, including broken JSON, with 4xx and stores nothing', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((value) => JSON.stringify(value).slice(0, -1)),
      validOrder.map((order) => JSON.stringify(order).replace('"items"', '"items","items"')),
    );
    await fc.assert(fc.asyncProperty(text, postAndCheck), { numRuns });
  });

  it('answers any query of GET /orders with 200 or a clear 400, never a 5xx', async () => {
    const name = fc.oneof(
      fc.constantFrom('status', 'customerId', 'limit', 'cursor', 'status[$ne]', '$where', '__proto__'),
      fc.string({ maxLength: 20 }),
    );
    const query = fc.array(fc.tuple(name, fc.string({ maxLength: 40 })), { maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(query, async (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        const answer = await request<ErrorBody>(`${service.url}/orders?${search}`);
        expect(answer.status, `?${search} -> ${JSON.stringify(answer.body)}`).to.be.oneOf([200, 400]);
        if (answer.status === 400) expectClearError(answer);
      }),
      { numRuns },
    );
  });
});

function expectClearError(answer: JsonResponse<ErrorBody>): void {
  expect(answer.body.error.code)
    .to.be.a('string')
    .and.match(/^[A-Z_]+$/);
  expect(answer.body.error.message).to.be.a('string').that.is.not.empty;
}
