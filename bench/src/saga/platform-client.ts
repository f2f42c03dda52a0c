import type { Config } from '@saga/config';
import { mintToken } from '@saga/identity';
import { NoTokensError } from './no-tokens-error.ts';
import { PlatformRequestError } from './platform-request-error.ts';

/** An order as GET /orders shows it: enough to tell when it ended and how. */
export interface OrderSummary {
  readonly orderId: string;
  readonly customerId: string;
  readonly status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  readonly cancelReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface OrderPage {
  readonly items: readonly OrderSummary[];
  readonly nextCursor: string | null;
}

/**
 * The platform's public HTTP APIs, as the bench uses them: the same requests a shop front and an
 * operator would make. Orders are placed as their customers, with a JWT per customer signed with
 * AUTH_JWT_SECRET (the path a shop front takes, verification included); reads use the ops token and
 * set-up the admin token. `npm run bench` passes all three on from the stack.
 */
export class PlatformClient {
  private readonly urls: { order: string; inventory: string; payment: string; orchestrator: string };
  private readonly opsToken: string;
  private readonly adminToken: string;
  private readonly customerTokens = new Map<string, Promise<string>>();
  private readonly jwt: Config['auth']['jwt'];

  constructor(config: Config, host = process.env.BENCH_HOST ?? '127.0.0.1') {
    const at = (port: number) => `http://${host}:${port}`;
    this.urls = {
      order: at(config.services.order.port),
      orchestrator: at(config.services.orchestrator.port),
      inventory: at(config.services.inventory.port),
      payment: at(config.services.payment.port),
    };
    const [opsToken] = config.auth.opsTokens;
    const [adminToken] = config.auth.adminTokens;
    if (!opsToken || !adminToken || config.auth.jwt.secret === undefined) throw new NoTokensError();
    this.opsToken = opsToken;
    this.adminToken = adminToken;
    this.jwt = config.auth.jwt;
  }

  /** The customer's own token, minted once per run (an hour is longer than any section). */
  private customerToken(customerId: string): Promise<string> {
    let token = this.customerTokens.get(customerId);
    if (!token) {
      const { secret, issuer, audience } = this.jwt;
      token = mintToken({
        secret: secret ?? '',
        subject: customerId,
        roles: ['customer'],
        ttlSeconds: 3600,
        issuer,
        audience,
      });
      this.customerTokens.set(customerId, token);
    }
    return token;
  }

  async placeOrder(
    body: { readonly customerId: string; readonly [field: string]: unknown },
    idempotencyKey: string,
  ): Promise<string> {
    const answer = await this.call<{ orderId: string }>(
      this.urls.order,
      'POST',
      '/orders',
      await this.customerToken(body.customerId),
      body,
      {
        'idempotency-key': idempotencyKey,
      },
    );
    return answer.orderId;
  }

  listOrders(query: Readonly<Record<string, string>>): Promise<OrderPage> {
    return this.call(
      this.urls.order,
      'GET',
      `/orders?${new URLSearchParams(query).toString()}`,
      this.opsToken,
    );
  }

  /** GET /orders/<id>: the order wherever it is stored, or undefined when the API does not know it (404). */
  async findOrder(orderId: string): Promise<OrderSummary | undefined> {
    const found = await this.call<OrderSummary | null>(
      this.urls.order,
      'GET',
      `/orders/${encodeURIComponent(orderId)}`,
      this.opsToken,
      undefined,
      {},
      { notFound: true },
    );
    return found ?? undefined;
  }

  /** Sets a SKU's stock and its catalogue price (minor units of `currency`). */
  async putStock(
    sku: string,
    available: number,
    { price, currency }: { readonly price: number; readonly currency: string },
  ): Promise<void> {
    await this.call(this.urls.inventory, 'PUT', `/stock/${encodeURIComponent(sku)}`, this.adminToken, {
      available,
      price,
      currency,
    });
  }

  async putAccount(customerId: string, balance: number, currency: string): Promise<void> {
    await this.call(
      this.urls.payment,
      'PUT',
      `/accounts/${encodeURIComponent(customerId)}`,
      this.adminToken,
      {
        balance,
        currency,
      },
    );
  }

  /** GET /sagas?orderId=: the order's saga with its history (for re-sends and the per-hop breakdown). */
  sagaOf(orderId: string): Promise<unknown> {
    return this.call(this.urls.orchestrator, 'GET', `/sagas?orderId=${orderId}`, this.opsToken);
  }

  /** Whether all four services answer /readyz. */
  async ready(): Promise<string[]> {
    const down: string[] = [];
    for (const [name, url] of Object.entries(this.urls)) {
      try {
        const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        if (!response.ok) down.push(`${name}-service (${url}: ${response.status})`);
      } catch {
        down.push(`${name}-service (${url}: no answer)`);
      }
    }
    return down;
  }

  private async call<T>(
    base: string,
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    token: string,
    body?: unknown,
    headers: Record<string, string> = {},
    /** notFound: a 404 answers null instead of throwing. */
    options: { notFound?: boolean } = {},
  ): Promise<T> {
    const request = `${method} ${base}${path}`;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new PlatformRequestError(request, 'got no answer', { cause: error });
    }
    const text = await response.text();
    if (response.status === 404 && options.notFound) return null as T;
    if (!response.ok)
      throw new PlatformRequestError(request, `answered ${response.status}: ${text.slice(0, 300)}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
}
