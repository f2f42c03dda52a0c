import { mintToken } from '@saga/identity';
import { testTokens, urlOf } from './harness-settings.ts';

export interface ApiResult {
  /** The HTTP status, or 0 when no answer came (refused, reset, timed out). */
  readonly status: number;
  readonly body: unknown;
  /** Why no answer came, when status is 0. */
  readonly error?: string;
}

/** A line as the order API takes it: no price, which is the shop's (set with the stock). */
export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface OrderRequest {
  readonly customerId: string;
  readonly currency: string;
  readonly items: readonly OrderLine[];
}

async function call(url: string, init: RequestInit & { token: string }): Promise<ApiResult> {
  try {
    const response = await fetch(url, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${init.token}`,
        ...(init.headers as Record<string, string> | undefined),
      },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body };
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    return { status: 0, body: undefined, error: cause?.message ?? (error as Error).message };
  }
}

/** A customer's own JWT: the chaos run places every order as its customer, as a shop front would. */
const customerToken = (customerId: string) =>
  mintToken({ secret: testTokens.jwtSecret, subject: customerId, roles: ['customer'], ttlSeconds: 3600 });

/**
 * The services' HTTP APIs at the harness's ports: orders placed with the customer's JWT, read with the
 * ops token, and set-up with the admin token.
 */
export const platformApi = {
  placeOrder: async (order: OrderRequest, idempotencyKey: string) =>
    call(`${urlOf('order-service')}/orders`, {
      method: 'POST',
      body: JSON.stringify(order),
      headers: { 'idempotency-key': idempotencyKey },
      token: await customerToken(order.customerId),
    }),
  /** Asks to send back lines of an order, as its customer. */
  requestReturn: async (
    order: { readonly orderId: string; readonly customerId: string },
    items: readonly OrderLine[],
    idempotencyKey: string,
  ) =>
    call(`${urlOf('order-service')}/orders/${order.orderId}/returns`, {
      method: 'POST',
      body: JSON.stringify({ items }),
      headers: { 'idempotency-key': idempotencyKey },
      token: await customerToken(order.customerId),
    }),
  getOrder: (orderId: string) =>
    call(`${urlOf('order-service')}/orders/${orderId}`, { token: testTokens.ops }),
  /** Sets a SKU's stock and its catalogue price, in euro cents. */
  putStock: (sku: string, available: number, price: number) =>
    call(`${urlOf('inventory-service')}/stock/${sku}`, {
      method: 'PUT',
      body: JSON.stringify({ available, price, currency: 'EUR' }),
      token: testTokens.admin,
    }),
  putAccount: (customerId: string, balance: number) =>
    call(`${urlOf('payment-service')}/accounts/${customerId}`, {
      method: 'PUT',
      body: JSON.stringify({ balance, currency: 'EUR' }),
      token: testTokens.admin,
    }),
  readyz: (service: Parameters<typeof urlOf>[0]) =>
    call(`${urlOf(service)}/readyz`, { token: testTokens.ops }),
};
