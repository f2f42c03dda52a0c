import { expect } from 'chai';
import fc from 'fast-check';
import { createTestNamespace, customerToken, type TestNamespace } from '@saga/testing';
import { request, type ErrorBody } from './support/http.ts';
import { reportServiceErrorsOnFailure, startOrderService, type TestOrderService } from './support/stack.ts';

const numRuns = 40;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const customerId = fc.stringMatching(/^fuzz-[a-z0-9]{1,12}$/);
const orderOf = (id: string) => ({
  customerId: id,
  currency: 'EUR',
  items: [{ sku: 'SKU-1', quantity: 1 }],
});

/**
 * Property-based fuzzing of the order API's authentication against the real service and store: any
 * Authorization header but a valid one is 401, any change to a valid token's text makes it invalid,
 * and a customer naming anyone else is 403; in no case is an order stored.
 */
describe('order API: fuzzing authentication', function () {
  this.timeout(300_000);
  let service: TestOrderService;
  let ns: TestNamespace;
  before(async () => {
    ns = await createTestNamespace('order-auth-fuzz');
    service = await startOrderService(ns);
  });
  afterEach(reportServiceErrorsOnFailure(() => service));
  after(() => ns.close());

  async function refused(authorization: string, body: unknown, status: 401 | 403): Promise<void> {
    const before = await service.stored.count({});
    const response = await fetch(`${service.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as ErrorBody;
    expect(response.status, `${authorization.slice(0, 120)} -> ${JSON.stringify(answer)}`).to.equal(status);
    expect(answer.error.code).to.equal(status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN');
    expect(await service.stored.count({})).to.equal(before);
  }

  it('answers any Authorization header that carries no valid token with 401', async () => {
    const header = fc.oneof(
      fc.stringMatching(/^[\x21-\x7e]{0,120}$/),
      fc.stringMatching(/^[\x21-\x7e]{1,120}$/).map((t) => `Bearer ${t}`),
      fc
        .tuple(fc.base64String(), fc.base64String(), fc.base64String())
        .map(([a, b, c]) => `Bearer ${a}.${b}.${c}`.replaceAll('=', '')),
    );
    await fc.assert(
      fc.asyncProperty(header, customerId, (value, id) => refused(value, orderOf(id), 401)),
      { numRuns },
    );
  });

  it('refuses a valid token with any one character of its text changed', async () => {
    const mutation = fc.record({
      id: customerId,
      at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      to: fc.constantFrom(...BASE64URL.split('')),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ id, at, to }) => {
        const token = await customerToken(id);
        // The last character of the signature carries padding bits that decoding ignores: a change
        // there may leave the signature's bytes as they were, so it is left out.
        const position = Math.floor(at * (token.length - 1));
        const current = token.charAt(position);
        fc.pre(current !== to && current !== '.');
        await refused(
          `Bearer ${token.slice(0, position)}${to}${token.slice(position + 1)}`,
          orderOf(id),
          401,
        );
      }),
      { numRuns },
    );
  });

  it('answers a customer ordering for anyone else with 403', async () => {
    await fc.assert(
      fc.asyncProperty(customerId, customerId, async (sub, other) => {
        fc.pre(sub !== other);
        await refused(`Bearer ${await customerToken(sub)}`, orderOf(other), 403);
      }),
      { numRuns },
    );
  });

  it('lets the unchanged token through, so the properties above are not refusing everything', async () => {
    const answer = await request(`${service.url}/orders`, {
      method: 'POST',
      body: orderOf('fuzz-control'),
      token: await customerToken('fuzz-control'),
    });
    expect(answer.status).to.equal(202);
  });
});
