import { testTokens } from '@saga/testing';

/**
 * A JSON request to the service with the token its route needs (the api token for GET, the admin token
 * otherwise; `token: null` sends none); answers with the status and the parsed body.
 */
export async function request(
  url: string,
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
  token: string | null = method === 'GET' ? testTokens.ops : testTokens.admin,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** A SKU's catalogue price as `PUT /stock/:sku` takes it: minor units of the currency. */
export interface StockPrice {
  readonly price: number;
  readonly currency: string;
}

/** The price the tests' stock has unless a test says otherwise: one euro a unit. */
export const oneEuro: StockPrice = { price: 100, currency: 'EUR' };

/** Sets a SKU's free stock and its price through the admin API, failing the test if the service refuses. */
export async function putStock(
  url: string,
  sku: string,
  available: number,
  price: StockPrice = oneEuro,
): Promise<void> {
  const answer = await request(url, 'PUT', `/stock/${encodeURIComponent(sku)}`, { available, ...price });
  if (answer.status !== 200)
    throw new Error(`PUT /stock/${sku} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

export interface StockBody {
  readonly sku: string;
  readonly available: number;
  readonly reserved: number;
  readonly sold: number;
  readonly received: number;
  readonly price: number | null;
  readonly currency: string | null;
}

/** `GET /stock/:sku`, which must answer 200. */
export async function getStock(url: string, sku: string): Promise<StockBody> {
  const answer = await request(url, 'GET', `/stock/${encodeURIComponent(sku)}`);
  if (answer.status !== 200)
    throw new Error(`GET /stock/${sku} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as StockBody;
}
