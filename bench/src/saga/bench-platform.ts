import { createPlatformClient, type CallOptions, type PlatformClient } from '@saga/client';
import type { Config } from '@saga/config';
import { mintToken } from '@saga/identity';
import { NoTokensError } from './no-tokens-error.ts';

/** What the bench reads of an order as GET /orders shows it (@saga/client's type, from the order routes' schema). */
export type OrderSummary = Pick<
  Awaited<ReturnType<PlatformClient['getOrder']>>['body'],
  'orderId' | 'customerId' | 'status' | 'cancelReason' | 'createdAt' | 'updatedAt'
>;

/** A POST /orders body, as the order route's schema takes it. */
export type OrderBody = Parameters<PlatformClient['placeOrder']>[0];

/**
 * The platform's public HTTP APIs as the bench uses them, through @saga/client: the same requests a
 * shop front and an operator would make. `api` reads with the ops token; set-up passes `admin`; orders
 * are placed as their customers (`customer(id)`), with a JWT per customer signed with AUTH_JWT_SECRET
 * (the path a shop front takes, verification included). `npm run bench` passes all three on from the stack.
 */
export interface BenchPlatform {
  readonly api: PlatformClient;
  readonly admin: CallOptions;
  customer(customerId: string): CallOptions;
}

export function benchPlatform(config: Config, host = process.env.BENCH_HOST ?? '127.0.0.1'): BenchPlatform {
  const at = (port: number) => `http://${host}:${port}`;
  const [opsToken] = config.auth.opsTokens;
  const [adminToken] = config.auth.adminTokens;
  const { secret, issuer, audience } = config.auth.jwt;
  if (!opsToken || !adminToken || secret === undefined) throw new NoTokensError();
  // Minted once per customer and run (an hour is longer than any section).
  const customerTokens = new Map<string, Promise<string>>();
  const customerToken = (customerId: string) => {
    let token = customerTokens.get(customerId);
    if (!token) {
      token = mintToken({
        secret,
        subject: customerId,
        roles: ['customer'],
        ttlSeconds: 3600,
        issuer,
        audience,
      });
      customerTokens.set(customerId, token);
    }
    return token;
  };
  return {
    api: createPlatformClient({
      urls: {
        order: at(config.services.order.port),
        orchestrator: at(config.services.orchestrator.port),
        inventory: at(config.services.inventory.port),
        payment: at(config.services.payment.port),
      },
      token: opsToken,
      timeoutMs: 30_000,
    }),
    admin: { token: adminToken },
    customer: (customerId) => ({ token: () => customerToken(customerId) }),
  };
}
