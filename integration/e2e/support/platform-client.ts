import { randomUUID } from 'node:crypto';
import { createPlatformClient, localServiceUrls, type PlatformClient } from '@saga/client';
import { loadConfig } from '@saga/config';
import { mintToken } from '@saga/identity';
import { clientTokens, type StackTokens } from '@saga/stack';

/** The four services as a user of the platform sees them: their HTTP APIs, at the configured ports. */
export const config = loadConfig();
const urls = localServiceUrls({
  order: config.services.order.port,
  orchestrator: config.services.orchestrator.port,
  inventory: config.services.inventory.port,
  payment: config.services.payment.port,
});

/**
 * The secrets to use, as a user of the running stack has them: OPS_TOKENS, ADMIN_TOKENS and
 * AUTH_JWT_SECRET from the environment (`saga-stack with` sets them), else the stack's tokens file.
 * Read on first use.
 */
let tokens: StackTokens | undefined;
const tokensOf = () => (tokens ??= clientTokens(config.stack.home));

/** A customer's JWT, minted as `npm run token -- --sub <id>` does. */
export const customerJwt = (customerId: string) =>
  mintToken({
    secret: tokensOf().jwtSecret,
    subject: customerId,
    roles: ['customer'],
    ttlSeconds: 600,
    issuer: config.auth.jwt.issuer,
    audience: config.auth.jwt.audience,
  });

/** The platform client (@saga/client) with the ops token, which reads; admin calls pass the admin token. */
export const platform: PlatformClient = createPlatformClient({ urls, token: () => tokensOf().ops });
const asAdmin = { token: () => tokensOf().admin };

type OrderBody = Parameters<PlatformClient['placeOrder']>[0];

/** The order's returns, as GET /orders/:orderId shows them (the return saga). */
export type ReturnView = Awaited<ReturnType<PlatformClient['getOrder']>>['body']['returns'][number];

/** The e2e suite's calls, each one operation of the client with the token a real caller would use. */
export const api = {
  /** Placed as the body's customer, with their own JWT (admin's token when the body names none). */
  placeOrder: (body: OrderBody, headers: { readonly idempotencyKey?: string } = {}) =>
    platform.placeOrder(body, {
      ...headers,
      token: body.customerId === '' ? asAdmin.token : () => customerJwt(body.customerId),
    }),
  getOrder: (orderId: string) => platform.getOrder(orderId),
  listOrders: (query: Parameters<PlatformClient['listOrders']>[0]) => platform.listOrders(query),
  /** Sets a SKU's stock and its catalogue price (euro cents; 10.00 unless a test says otherwise). */
  putStock: (sku: string, available: number, price = 1000) =>
    platform.setStock(sku, { available, price, currency: 'EUR' }, asAdmin),
  getStock: (sku: string) => platform.getStock(sku),
  putAccount: (customerId: string, balance: number) =>
    platform.setBalance(customerId, { balance, currency: 'EUR' }, asAdmin),
  getAccount: (customerId: string) => platform.getAccount(customerId),
  getSagaOfOrder: (orderId: string) => platform.getSagaOfOrder(orderId),
  /** Asked as the order's customer, with their own JWT. */
  requestReturn: (orderId: string, customerId: string, items: { sku: string; quantity: number }[]) =>
    platform.requestReturn(orderId, { items }, { token: () => customerJwt(customerId) }),
  getReturns: async (orderId: string) => (await platform.getOrder(orderId)).body.returns,
  setAccountStatus: (customerId: string, status: 'OPEN' | 'CLOSED') =>
    platform.setBalance(customerId, { status }, asAdmin),
  listSagas: (query: Parameters<PlatformClient['listSagas']>[0]) => platform.listSagas(query),
  retrySaga: (sagaId: string) => platform.retrySaga(sagaId, asAdmin),
  readiness: (service: keyof typeof urls) => platform.getReadiness(service),
};

/** Names unique to one test run, so runs and tests never share stock or accounts. */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`.toUpperCase();

export type OrderView = Awaited<ReturnType<PlatformClient['getOrder']>>['body'];

/** Polls until the order leaves PENDING; the saga runs asynchronously across four services. */
export async function settled(orderId: string, timeoutMs = 45_000): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api.getOrder(orderId);
    if (body.status !== 'PENDING') return body;
    if (Date.now() > deadline) throw new Error(`order ${orderId} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An order line: which SKU and how many; the price is the catalogue's (set with putStock). */
export const line = (sku: string, quantity: number) => ({ sku, quantity });
