import { randomUUID } from 'node:crypto';
import { loadConfig } from '@saga/config';
import { mintToken } from '@saga/identity';
import { clientTokens, type StackTokens } from '@saga/stack';

/** The four services as a user of the platform sees them: their HTTP APIs, at the configured ports. */
export const config = loadConfig();
const base = {
  order: `http://127.0.0.1:${config.services.order.port}`,
  orchestrator: `http://127.0.0.1:${config.services.orchestrator.port}`,
  inventory: `http://127.0.0.1:${config.services.inventory.port}`,
  payment: `http://127.0.0.1:${config.services.payment.port}`,
};

export interface HttpResult<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/**
 * The secrets to use, as a user of the running stack has them: OPS_TOKENS, ADMIN_TOKENS and
 * AUTH_JWT_SECRET from the environment (`saga-stack with` sets them), else the stack's tokens file.
 * Read on first use.
 */
let tokens: StackTokens | undefined;
const tokensOf = () => (tokens ??= clientTokens(config.stack.home));

interface Request {
  readonly method?: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  /** The service account whose token to send (default ops, which reads); admin endpoints need admin. */
  readonly role?: 'ops' | 'admin';
  /** Send this customer's own JWT instead, as the shop front does when they order. */
  readonly customer?: string;
}

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

async function call<T>(url: string, request: Request = {}): Promise<HttpResult<T>> {
  const token =
    request.customer === undefined ? tokensOf()[request.role ?? 'ops'] : await customerJwt(request.customer);
  const response = await fetch(url, {
    ...(request.method ? { method: request.method } : {}),
    ...(request.body ? { body: request.body } : {}),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...request.headers },
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}

export interface OrderView {
  orderId: string;
  customerId: string;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  cancelReason?: string;
  /** What was ordered: no price, which is the shop's. */
  items: { sku: string; quantity: number }[];
  /** The lines at the catalogue prices, once CONFIRMED; empty before. */
  pricedLines: { sku: string; quantity: number; unitPrice: number }[];
  /** What the customer was charged, once CONFIRMED; null before. */
  total: number | null;
  currency: string;
}
export interface StockView {
  sku: string;
  available: number;
  reserved: number;
  sold?: number;
  price?: number | null;
  currency?: string | null;
}
export interface AccountView {
  customerId: string;
  balance: number;
}

/** The order's returns, as GET /orders/:orderId shows them (the return saga). */
export interface ReturnView {
  returnId: string;
  status: 'REQUESTED' | 'APPROVED' | 'COMPLETED' | 'REJECTED';
  items: { sku: string; quantity: number }[];
  refunded: number | null;
  rejectReason?: string;
}

/** The return saga's routes: ask for a return, close or reopen an account, list and retry sagas. */
const returnsApi = {
  /** Asked as the order's customer, with their own JWT. */
  requestReturn: (orderId: string, customerId: string, items: { sku: string; quantity: number }[]) =>
    call<{ returnId: string; status: string }>(`${base.order}/orders/${orderId}/returns`, {
      method: 'POST',
      body: JSON.stringify({ items }),
      customer: customerId,
    }),
  getReturns: async (orderId: string) =>
    (await call<{ returns: ReturnView[] }>(`${base.order}/orders/${orderId}`)).body.returns,
  setAccountStatus: (customerId: string, status: 'OPEN' | 'CLOSED') =>
    call<AccountView>(`${base.payment}/accounts/${customerId}`, {
      method: 'PUT',
      body: JSON.stringify({ status }),
      role: 'admin',
    }),
  listSagas: (query: Record<string, string>) =>
    call<{ sagas: { sagaId: string; saga: string; status: string; returnId?: string }[] }>(
      `${base.orchestrator}/sagas?${new URLSearchParams(query).toString()}`,
    ),
  retrySaga: (sagaId: string) =>
    call<{ status: string }>(`${base.orchestrator}/sagas/${sagaId}/retry`, { method: 'POST', role: 'admin' }),
};

export const api = {
  /** Placed as the body's customer, with their own JWT (admin's token when the body names none). */
  placeOrder: (body: unknown, headers: Record<string, string> = {}) => {
    const customerId = (body as { customerId?: unknown } | null)?.customerId;
    return call<{ orderId: string; status: string }>(`${base.order}/orders`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers,
      ...(typeof customerId === 'string' && customerId !== ''
        ? { customer: customerId }
        : { role: 'admin' as const }),
    });
  },
  getOrder: (orderId: string) => call<OrderView>(`${base.order}/orders/${orderId}`),
  listOrders: (query: Record<string, string>) =>
    call<{ items: OrderView[]; nextCursor: string | null }>(
      `${base.order}/orders?${new URLSearchParams(query).toString()}`,
    ),
  /** Sets a SKU's stock and its catalogue price (euro cents; 10.00 unless a test says otherwise). */
  putStock: (sku: string, available: number, price = 1000) =>
    call<StockView>(`${base.inventory}/stock/${sku}`, {
      method: 'PUT',
      body: JSON.stringify({ available, price, currency: 'EUR' }),
      role: 'admin',
    }),
  getStock: (sku: string) => call<StockView>(`${base.inventory}/stock/${sku}`),
  putAccount: (customerId: string, balance: number) =>
    call<AccountView>(`${base.payment}/accounts/${customerId}`, {
      method: 'PUT',
      body: JSON.stringify({ balance, currency: 'EUR' }),
      role: 'admin',
    }),
  getAccount: (customerId: string) => call<AccountView>(`${base.payment}/accounts/${customerId}`),
  getSagaOfOrder: (orderId: string) => call<unknown>(`${base.orchestrator}/sagas?orderId=${orderId}`),
  ...returnsApi,
  readiness: (service: keyof typeof base) =>
    call<{ ready: boolean; checks: Record<string, { ok: boolean; detail: string }> }>(
      `${base[service]}/readyz`,
    ),
};

/** Names unique to one test run, so runs and tests never share stock or accounts. */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`.toUpperCase();

/** Polls until the order leaves PENDING; the saga runs asynchronously across four services. */
export async function settled(orderId: string, timeoutMs = 45_000): Promise<OrderView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await api.getOrder(orderId);
    if (status === 200 && body.status !== 'PENDING') return body;
    if (Date.now() > deadline) throw new Error(`order ${orderId} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An order line: which SKU and how many; the price is the catalogue's (set with putStock). */
export const line = (sku: string, quantity: number) => ({ sku, quantity });
