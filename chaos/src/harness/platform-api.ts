import { createPlatformClient, outcomeOf, type ApiResponse, type ServiceKey } from '@saga/client';
import { mintToken } from '@saga/identity';
import { testTokens, urlOf, type ServiceName } from './harness-settings.ts';

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

/** The harness's services through @saga/client, reading with the ops token. */
const client = createPlatformClient({
  urls: {
    order: urlOf('order-service'),
    orchestrator: urlOf('orchestrator-service'),
    inventory: urlOf('inventory-service'),
    payment: urlOf('payment-service'),
  },
  token: testTokens.ops,
});
const asAdmin = { token: testTokens.admin };

/** A customer's own JWT: the chaos run places every order as its customer, as a shop front would. */
const customerToken = (customerId: string) =>
  mintToken({ secret: testTokens.jwtSecret, subject: customerId, roles: ['customer'], ttlSeconds: 3600 });

/** The answer as the chaos run counts it: by status, 0 for none, never thrown (an outage is expected). */
async function result<T>(call: Promise<ApiResponse<T>>): Promise<ApiResult> {
  const outcome = await outcomeOf(call);
  if (outcome.ok || outcome.status !== 0) return { status: outcome.status, body: outcome.body };
  return { status: 0, body: undefined, error: outcome.error.message };
}

const serviceKey = (service: ServiceName): ServiceKey => service.replace(/-service$/, '') as ServiceKey;

/**
 * The services' HTTP APIs at the harness's ports: orders placed with the customer's JWT, read with the
 * ops token, and set-up with the admin token.
 */
export const platformApi = {
  placeOrder: (order: OrderRequest, idempotencyKey: string) =>
    result(
      client.placeOrder(
        { ...order, items: order.items.map(({ sku, quantity }) => ({ sku, quantity })) },
        { idempotencyKey, token: () => customerToken(order.customerId) },
      ),
    ),
  /** Asks to send back lines of an order, as its customer. */
  requestReturn: (
    order: { readonly orderId: string; readonly customerId: string },
    items: readonly OrderLine[],
    idempotencyKey: string,
  ) =>
    result(
      client.requestReturn(
        order.orderId,
        { items: items.map(({ sku, quantity }) => ({ sku, quantity })) },
        { idempotencyKey, token: () => customerToken(order.customerId) },
      ),
    ),
  getOrder: (orderId: string) => result(client.getOrder(orderId)),
  /** Sets a SKU's stock and its catalogue price, in euro cents. */
  putStock: (sku: string, available: number, price: number) =>
    result(client.setStock(sku, { available, price, currency: 'EUR' }, asAdmin)),
  putAccount: (customerId: string, balance: number) =>
    result(client.setBalance(customerId, { balance, currency: 'EUR' }, asAdmin)),
  readyz: (service: ServiceName) => result(client.getReadiness(serviceKey(service))),
};
